export { getKnowledgeGrowth } from './knowledge-growth';
export { getMemberActivity } from './member-activity';
export {
  type AnalyticsRange,
  type AnalyticsRangeInput,
  MAX_ANALYTICS_DAYS,
  ZAnalyticsRangeInput,
} from './range';
export { getSearchAnalytics } from './search-analytics';
