import { type CircuitBreaker, createCircuitBreaker } from '../breaker';
import { type BudgetStore, createMemoryBudgetStore } from '../budget';
import { BedrockProvider } from '../providers/bedrock';
import { LocalProvider } from '../providers/local';
import { type AiService, type AiServiceOptions, createAiService } from '../service';
import { type AiInteractionRecord, createMemorySink } from '../types';
import { FAKE_AWS, type FakeBedrock } from './fake-bedrock';

/**
 * A service wired to the fake Bedrock server through the real SDK client, with in-memory sink,
 * budgets and breaker unless given. Retries are fast so fault-injection tests stay quick.
 */
export function createTestService(
  fake: FakeBedrock,
  opts: Partial<Omit<AiServiceOptions, 'providers' | 'sink'>> & {
    budgetStore?: BudgetStore;
    breaker?: CircuitBreaker;
  } = {},
): { service: AiService; rows: AiInteractionRecord[]; provider: BedrockProvider } {
  const sink = createMemorySink();
  const provider = new BedrockProvider({ ...FAKE_AWS, endpoint: fake.url });
  const service = createAiService({
    region: FAKE_AWS.region,
    budgetStore: createMemoryBudgetStore(),
    breaker: createCircuitBreaker({ config: { failureThreshold: 100, cooldownMs: 60_000 } }),
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    ...opts,
    providers: { bedrock: provider, local: new LocalProvider() },
    sink,
  });
  return { service, rows: sink.rows, provider };
}

export const userMessage = (content: string) => [{ role: 'user' as const, content }];
