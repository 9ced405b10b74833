import { z } from 'zod';
import type { AnswerSummary, AskEvent } from '../services/ask';

/** A streamed answer gathered into one object: what REST and MCP return instead of the stream. */
export type CollectedAnswer = AnswerSummary & {
  conversationId: string;
  sources: Extract<AskEvent, { type: 'sources' }>['sources'];
};

export async function collectAnswer(stream: AsyncIterable<AskEvent>): Promise<CollectedAnswer> {
  let conversationId = '';
  let sources: CollectedAnswer['sources'] = [];
  for await (const event of stream) {
    switch (event.type) {
      case 'start':
        conversationId = event.conversationId;
        break;
      case 'sources':
        sources = event.sources;
        break;
      case 'text':
        break;
      case 'done':
        return { ...event.answer, conversationId, sources };
    }
  }
  throw new Error('answer stream ended without a done event');
}

const ZCitationOut = z.object({
  n: z.number().int(),
  entryId: z.string().nullable(),
  articleId: z.string().nullable(),
  chunkId: z.string(),
  title: z.string(),
  snippet: z.string(),
});

/** The response of `POST /api/v1/ask`, for the OpenAPI document. */
export const ZRestAnswer = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  content: z.string().meta({ description: 'Markdown answer; [n] markers refer to citations' }),
  citations: z.array(ZCitationOut),
  sources: z.array(ZCitationOut.extend({ heading: z.string() })),
  status: z.enum(['complete', 'no_answer', 'incomplete']),
  modelId: z.string().nullable(),
  costMicroUsd: z.number(),
  latencyMs: z.number(),
  conversationTitle: z.string(),
});
