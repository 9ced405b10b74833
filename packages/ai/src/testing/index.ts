/** Test helpers for packages that build on the AI service (fake Bedrock, test wiring). */
export {
  FAKE_AWS,
  type FakeBedrock,
  type FakeErrorType,
  type FakeModelBehavior,
  startFakeBedrock,
} from './fake-bedrock';
export { createTestService, userMessage } from './harness';
export { redisForTests } from './redis';
