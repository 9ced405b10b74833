import { createCallerFactory, createTRPCRouter } from '../trpc';
import { aiRouter } from './ai/router';
import { analyticsRouter } from './analytics/router';
import { apiKeysRouter } from './api-keys/router';
import { askRouter } from './ask/router';
import { auditRouter } from './audit/router';
import { authRouter } from './auth/router';
import { budgetsRouter } from './budgets/router';
import { categoriesRouter } from './categories/router';
import { engagementsRouter } from './engagements/router';
import { feedsRouter } from './feeds/router';
import { filesRouter } from './files/router';
import { insightsRouter } from './insights/router';
import { jobsRouter } from './jobs/router';
import { knowledgeRouter } from './knowledge/router';
import { newsRouter } from './news/router';
import { invitationsRouter, membersRouter, orgsRouter } from './orgs/router';
import { searchRouter } from './search/router';
import { settingsRouter } from './settings/router';
import { tagsRouter } from './tags/router';
import { templatesRouter } from './templates/router';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  knowledge: knowledgeRouter,
  engagements: engagementsRouter,
  orgs: orgsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  ai: aiRouter,
  analytics: analyticsRouter,
  budgets: budgetsRouter,
  settings: settingsRouter,
  search: searchRouter,
  feeds: feedsRouter,
  news: newsRouter,
  jobs: jobsRouter,
  ask: askRouter,
  tags: tagsRouter,
  categories: categoriesRouter,
  templates: templatesRouter,
  files: filesRouter,
  insights: insightsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
