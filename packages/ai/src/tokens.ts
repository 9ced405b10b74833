/**
 * Rough token estimate (≈ 4 characters per token for English prose, the usual rule of thumb for
 * BPE tokenizers). Used for budget reservations, routing by context window, the local provider's
 * usage, and usage of streams cut before the provider reported it (flagged as estimated).
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.ceil(text.length / 4);
}

/** Per-message framing overhead the estimate adds (role markers, separators). */
const MESSAGE_OVERHEAD_TOKENS = 4;

export function estimatePromptTokens(
  system: string | undefined,
  messages: readonly { content: string }[],
): number {
  let total = system ? estimateTokens(system) + MESSAGE_OVERHEAD_TOKENS : 0;
  for (const m of messages) total += estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS;
  return total;
}
