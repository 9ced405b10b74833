import { describe, expect, it } from 'vitest';
import { LOCAL_OFFLINE_NOTICE, LocalProvider } from './local';
import { cosine, LOCAL_EMBEDDING_DIMENSIONS, localEmbed } from './local-embed';

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('local embeddings', () => {
  it('are deterministic, 1024-dimensional and L2-normalized', () => {
    const text = 'Supply-chain risk assessment for the Q3 retail rollout.';
    const a = localEmbed(text);
    const b = localEmbed(text);
    expect(a).toHaveLength(LOCAL_EMBEDDING_DIMENSIONS);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(norm(localEmbed(''))).toBeCloseTo(1, 5);
    // Fixed fingerprint: a change to the hashing would silently invalidate stored vectors.
    expect(Array.from(a.slice(0, 4)).map((x) => x.toFixed(4))).toMatchSnapshot();
  });

  it('place related wording closer than unrelated text', () => {
    const query = localEmbed('How did we reduce supplier risk in the logistics project?');
    const related = localEmbed('Supplier risks in logistics were reduced by dual sourcing and safety stock.');
    const paraphrase = localEmbed('Reducing the risk from suppliers for a logistics engagement');
    const unrelated = localEmbed('The marketing team celebrated the new brand colours at the offsite party.');
    expect(cosine(query, related)).toBeGreaterThan(cosine(query, unrelated) + 0.1);
    expect(cosine(query, paraphrase)).toBeGreaterThan(cosine(query, unrelated) + 0.1);
    expect(Math.abs(cosine(query, unrelated))).toBeLessThan(0.15);
  });

  it('fold case and work on non-ASCII text', () => {
    expect(cosine(localEmbed('RISK REGISTER'), localEmbed('risk register'))).toBeCloseTo(1, 5);
    expect(cosine(localEmbed('Müller Lieferkette Risiko'), localEmbed('müller lieferkette'))).toBeGreaterThan(
      0.5,
    );
  });
});

describe('LocalProvider', () => {
  const provider = new LocalProvider();
  const sources = [
    'Answer from the sources below.',
    '[1] The warehouse migration finished in March. Costs fell by 12% after consolidation.',
    '[2] The client asked for a risk register. Supplier delays were the top risk in Q2.',
  ].join('\n');

  it('answers extractively, citing numbered sources, and says it is offline', async () => {
    const res = await provider.converse({
      modelId: 'local.extractive-v1',
      system: sources,
      messages: [{ role: 'user', content: 'What was the top risk?' }],
      maxTokens: 500,
    });
    expect(res.text.startsWith(LOCAL_OFFLINE_NOTICE)).toBe(true);
    expect(res.text).toContain('"Supplier delays were the top risk in Q2." [2]');
    expect(res.usage?.outputTokens).toBeGreaterThan(0);
    expect(res.stopReason).toBe('end_turn');
  });

  it('streams the same answer in chunks, with usage last', async () => {
    const req = {
      modelId: 'local.extractive-v1',
      system: sources,
      messages: [{ role: 'user' as const, content: 'How much did costs fall?' }],
      maxTokens: 500,
    };
    const full = (await provider.converse(req)).text;
    let text = '';
    const types: string[] = [];
    for await (const ev of provider.converseStream(req)) {
      types.push(ev.type);
      if (ev.type === 'text') text += ev.text;
    }
    expect(text).toBe(full);
    expect(text).toContain('[1]');
    expect(types.filter((t) => t === 'text').length).toBeGreaterThan(2);
    expect(types.at(-1)).toBe('usage');
  });

  it('summarizes text without sources by quoting it', async () => {
    const res = await provider.converse({
      modelId: 'local.extractive-v1',
      messages: [
        {
          role: 'user',
          content:
            'The pilot ran in two stores. Sales in the pilot stores rose 8%. Staff liked the new pilot tools.',
        },
      ],
      maxTokens: 40,
    });
    expect(res.text).toContain(LOCAL_OFFLINE_NOTICE);
    expect(res.stopReason).toBe('max_tokens');
  });
});
