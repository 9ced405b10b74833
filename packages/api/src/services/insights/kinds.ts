import type { TextTask } from '@consailt/ai';

/** The analyses a user can run; each is routed as its own AI task (cheapest model that fits). */
export const INSIGHT_KINDS = ['summary', 'project_analysis', 'risk_assessment', 'technical_docs'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

type KindSpec = {
  task: TextTask;
  label: string;
  /** What the model is asked to produce; the words also steer the offline extractive model. */
  instruction: string;
  maxTokens: number;
};

export const INSIGHT_KIND_SPECS: Record<InsightKind, KindSpec> = {
  summary: {
    task: 'quick_summary',
    label: 'Summary',
    instruction:
      'Write a concise summary of the key facts, decisions, findings and outcomes in these sources, as short paragraphs or bullet points.',
    maxTokens: 800,
  },
  project_analysis: {
    task: 'project_analysis',
    label: 'Project analysis',
    instruction:
      'Analyse this project: its goals and scope, progress and results so far, what worked, what did not, dependencies, open questions and recommended next steps.',
    maxTokens: 1500,
  },
  risk_assessment: {
    task: 'risk_assessment',
    label: 'Risk assessment',
    instruction:
      'Assess the risks: list each risk, issue, dependency, deadline or constraint with its likelihood, impact and a mitigation, most severe first.',
    maxTokens: 1500,
  },
  technical_docs: {
    task: 'technical_docs',
    label: 'Technical documentation',
    instruction:
      'Write technical documentation: the systems, architecture, integrations, data flows, interfaces, configuration and operational procedures described in these sources, organised under headings.',
    maxTokens: 2000,
  },
};
