import { actorUserId, type Deps, type OrgScope } from '../types';

const fallback = (question: string) => {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57).trimEnd()}…` : oneLine;
};

/**
 * A short conversation title from its first question (task `quick_summary`). The offline local
 * model only quotes, so in the embedded mode (and if the call fails) the question itself is used.
 */
export async function conversationTitle(
  deps: Pick<Deps, 'ai'>,
  scope: OrgScope,
  question: string,
): Promise<{ title: string; costMicroUsd: number }> {
  try {
    const res = await deps.ai.run({
      task: 'quick_summary',
      orgId: scope.orgId,
      userId: actorUserId(scope.actor),
      apiKeyId: scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
      system:
        'Write a title of at most 8 words for a conversation that starts with the question below. Reply with the title only, no quotes.',
      messages: [{ role: 'user', content: question.slice(0, 2000) }],
      maxTokens: 30,
    });
    const title =
      res.text
        .split('\n')[0]
        ?.replace(/^["'\s]+|["'\s.]+$/g, '')
        .slice(0, 120) ?? '';
    return {
      title: res.provider === 'local' || !title ? fallback(question) : title,
      costMicroUsd: res.costMicroUsd,
    };
  } catch {
    return { title: fallback(question), costMicroUsd: 0 };
  }
}
