import type { AiInteractionRecord, InteractionSink } from '@consailt/ai';
import { aiInteractions, type Database, withOrgContext } from '@consailt/db';
import type { Logger } from '../../logger';

/** Writes one `ai_interactions` row per AI call, under the organization's row-level security. */
export function createPgInteractionSink(db: Database, logger: Logger): InteractionSink {
  return {
    async record(row: AiInteractionRecord) {
      try {
        await withOrgContext(db, row.orgId, (tx) => tx.insert(aiInteractions).values(row));
      } catch (error) {
        // Metering must never turn a delivered answer into an error; the gap is logged loudly.
        logger.error(
          { err: error, orgId: row.orgId, modelId: row.modelId },
          'failed to record AI interaction',
        );
      }
    },
  };
}
