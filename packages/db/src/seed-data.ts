import type { EntryType, Role } from './schema';

export const DEMO_ORG = { name: 'Northwind Advisory', slug: 'northwind-advisory', plan: 'team' } as const;

export const DEMO_USERS: ReadonlyArray<{ key: string; name: string; email: string; role: Role }> = [
  { key: 'owner', name: 'Olivia Chen', email: 'olivia@northwind.example', role: 'owner' },
  { key: 'admin', name: 'Marcus Reid', email: 'marcus@northwind.example', role: 'admin' },
  { key: 'member', name: 'Priya Nair', email: 'priya@northwind.example', role: 'member' },
  { key: 'viewer', name: 'Tom Becker', email: 'tom@northwind.example', role: 'viewer' },
];

export const DEMO_ENGAGEMENTS = [
  {
    key: 'contoso',
    values: {
      name: 'Supply Chain Modernization',
      clientName: 'Contoso Retail',
      status: 'active' as const,
      startDate: '2026-06-01',
      description:
        'Replace the batch-based replenishment system with event-driven inventory planning across 240 stores.',
      keywords: ['retail', 'inventory', 'supply chain', 'logistics'],
    },
  },
  {
    key: 'fabrikam',
    values: {
      name: 'Cloud Migration Assessment',
      clientName: 'Fabrikam Health',
      status: 'active' as const,
      startDate: '2026-09-15',
      description: 'Assess and plan the migration of the patient-records platform to a managed cloud.',
      keywords: ['healthcare', 'cloud', 'HIPAA', 'migration'],
    },
  },
];

type DemoEntry = {
  title: string;
  type: EntryType;
  author: string;
  engagement: string | null;
  tags: string[];
  body: string;
};

export const DEMO_ENTRIES: ReadonlyArray<DemoEntry> = [
  {
    title: 'Contoso kickoff: goals and success metrics',
    type: 'meeting',
    author: 'owner',
    engagement: 'contoso',
    tags: ['kickoff', 'metrics'],
    body: `# Kickoff with Contoso Retail

## Attendees
COO, Head of Supply Chain, IT Director, our team.

## Goals
- Cut stock-outs on top-200 SKUs by 30% within two quarters.
- Replace the nightly replenishment batch with near-real-time signals from POS.

## Success metrics
Fill rate, days of inventory on hand, forecast error (MAPE) per category.`,
  },
  {
    title: 'Replenishment batch: current-state findings',
    type: 'document',
    author: 'member',
    engagement: 'contoso',
    tags: ['current-state', 'inventory'],
    body: `# Current state of replenishment

The nightly batch runs for 5h40m and finishes after stores open on Mondays. Store orders are computed
from a 28-day moving average, which lags promotions badly.

## Pain points
1. No visibility of in-transit stock.
2. Manual overrides in spreadsheets, emailed to the DC.
3. The batch fails silently when the POS extract is late.`,
  },
  {
    title: 'Decision: event streaming platform for inventory signals',
    type: 'decision',
    author: 'admin',
    engagement: 'contoso',
    tags: ['architecture', 'decision'],
    body: `# Decision record

We recommend a managed event-streaming service over a self-hosted cluster. Contoso's IT team is
four people; operating brokers is not where their time should go.

**Consequences:** per-event pricing must be modelled against peak season volume (about 9x baseline).`,
  },
  {
    title: 'Demand forecasting: promotion uplift lessons',
    type: 'lesson',
    author: 'member',
    engagement: 'contoso',
    tags: ['forecasting', 'lessons-learned'],
    body: `# Promotion uplift

Forecast error doubled during promotions because the model never saw promotion flags. Adding the
promotion calendar as a feature reduced MAPE from 41% to 23% on the pilot categories.

Lesson: ask for the marketing calendar in week one of any retail forecasting engagement.`,
  },
  {
    title: 'Store operations interview notes (pilot region)',
    type: 'meeting',
    author: 'viewer',
    engagement: 'contoso',
    tags: ['interviews', 'store-ops'],
    body: `# Store managers, pilot region

- Managers trust their own counts more than the system: shrink is not recorded consistently.
- Deliveries arrive unannounced; the receiving team cannot plan labour.
- They want a daily "what is coming tomorrow" view on the handheld devices.`,
  },
  {
    title: 'Fabrikam application inventory and 6R classification',
    type: 'document',
    author: 'admin',
    engagement: 'fabrikam',
    tags: ['cloud', 'inventory', 'assessment'],
    body: `# Application portfolio

83 applications catalogued. Proposed dispositions:

| Disposition | Count |
| --- | --- |
| Rehost | 31 |
| Replatform | 22 |
| Refactor | 9 |
| Repurchase | 8 |
| Retire | 11 |
| Retain | 2 |

The patient-records platform is a replatform candidate: managed PostgreSQL plus containers.`,
  },
  {
    title: 'HIPAA controls checklist for the migration',
    type: 'document',
    author: 'owner',
    engagement: 'fabrikam',
    tags: ['compliance', 'hipaa', 'security'],
    body: `# HIPAA technical safeguards

- Encryption at rest and in transit for every store of PHI, with customer-managed keys.
- Access logging retained for six years; audit trails must be immutable.
- A signed BAA with the cloud provider before any PHI moves.
- Break-glass access procedure documented and tested.`,
  },
  {
    title: 'Risk: legacy HL7 interface engine end of support',
    type: 'insight',
    author: 'member',
    engagement: 'fabrikam',
    tags: ['risk', 'integration'],
    body: `# Risk

The HL7 v2 interface engine reaches end of support in March. Twelve clinical feeds depend on it.
If the migration slips past March, Fabrikam runs unsupported middleware for PHI traffic.

Mitigation: move interface migration to wave 1 and negotiate extended support as a fallback.`,
  },
  {
    title: 'Cloud cost model assumptions',
    type: 'note',
    author: 'admin',
    engagement: 'fabrikam',
    tags: ['cloud', 'finops'],
    body: `# Cost model

Assume three-year commitments for steady-state compute (about 40% discount) and on-demand for the
migration period. Storage growth 18% per year based on imaging volumes. Egress to the two partner
labs is the largest unknown; request their monthly transfer reports.`,
  },
  {
    title: 'Workshop facilitation: what worked',
    type: 'lesson',
    author: 'owner',
    engagement: null,
    tags: ['facilitation', 'lessons-learned'],
    body: `# Facilitation notes

- Send the pre-read 48 hours ahead and open with a five-minute silent reading.
- Dot-voting on pain points surfaces the quiet voices better than round-robin.
- Close every workshop with named owners and dates, read aloud.`,
  },
  {
    title: 'Proposal template: discovery phase',
    type: 'document',
    author: 'owner',
    engagement: null,
    tags: ['template', 'sales'],
    body: `# Discovery phase proposal

## Objectives
What the client wants to decide at the end of discovery.

## Approach
Interviews, data review, two workshops, a read-out.

## Timeline and fees
Four weeks, fixed fee, 50% on signature.`,
  },
  {
    title: 'Market note: retail media networks',
    type: 'news',
    author: 'member',
    engagement: null,
    tags: ['retail', 'market'],
    body: `# Retail media networks

Several large grocers now earn more margin from retail media than from some product categories.
For Contoso this matters because shelf and promotion data become advertising inventory, which
raises the value of accurate, near-real-time stock signals.`,
  },
];
