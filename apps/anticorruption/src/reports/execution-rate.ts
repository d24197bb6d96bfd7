import type { ActionStatus, ExecutionReportDto, LateActionDto, RateLineDto } from '@prosmed/contracts';

/** What the report needs of one action: its place, its last validated values, and whether it is late. */
export interface ActionFact {
  code: string;
  axisCode: string;
  specificCode: string;
  structureCode: string;
  endOn: string;
  status: ActionStatus;
  progress: number;
  budgetPlanned: number;
  budgetSpent: number;
  late: boolean;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The arithmetic of execution, for any group of actions (README "Report arithmetic"):
 * - counted: the actions not abandoned (an abandoned action is out of the denominator, on purpose);
 * - execution rate: the mean of the counted actions' last validated progress (an action never validated
 *   counts 0 %, a réalisée one 100 % whatever its progress field), one decimal;
 * - done rate: the share of counted actions réalisées, in %, one decimal;
 * - budgets: integer FCFA sums over every action of the group, abandoned ones included (money spent).
 * An empty group rates 0.
 */
export function rateLine(key: string, label: string, facts: readonly ActionFact[]): RateLineDto {
  const counted = facts.filter((f) => f.status !== 'abandonnée');
  const done = counted.filter((f) => f.status === 'réalisée').length;
  const progress = counted.reduce((s, f) => s + (f.status === 'réalisée' ? 100 : f.progress), 0);
  return {
    key,
    label,
    actions: facts.length,
    counted: counted.length,
    done,
    late: facts.filter((f) => f.late).length,
    executionRate: counted.length ? round1(progress / counted.length) : 0,
    doneRate: counted.length ? round1((done * 100) / counted.length) : 0,
    budgetPlanned: facts.reduce((s, f) => s + f.budgetPlanned, 0),
    budgetSpent: facts.reduce((s, f) => s + f.budgetSpent, 0),
  };
}

function groupBy(facts: readonly ActionFact[], key: (f: ActionFact) => string): Map<string, ActionFact[]> {
  const out = new Map<string, ActionFact[]>();
  for (const f of facts) out.set(key(f), [...(out.get(key(f)) ?? []), f]);
  return out;
}

export interface ReportLabels {
  axes: ReadonlyMap<string, string>;
  objectives: ReadonlyMap<string, string>;
  structures: ReadonlyMap<string, string>;
}

/** The whole report: total, by axis (all four, even empty), by specific objective, by structure, late list. */
export function executionReport(
  facts: readonly ActionFact[],
  labels: ReportLabels,
  meta: { period: string | null; sessionId: string | null; asOf: string },
): ExecutionReportDto {
  const byAxis = groupBy(facts, (f) => f.axisCode);
  const lines = (groups: Map<string, ActionFact[]>, names: ReadonlyMap<string, string>) =>
    [...groups.keys()].sort().map((k) => rateLine(k, names.get(k) ?? k, groups.get(k)!));
  const lateActions: LateActionDto[] = facts
    .filter((f) => f.late)
    .map((f) => ({
      code: f.code,
      axisCode: f.axisCode,
      responsibleCode: f.structureCode,
      endOn: f.endOn,
      status: f.status,
      progress: f.progress,
    }));
  return {
    ...meta,
    total: rateLine('SNLCC', 'Stratégie nationale de lutte contre la corruption 2023-2027', facts),
    byAxis: [...labels.axes.keys()].sort().map((k) => rateLine(k, labels.axes.get(k)!, byAxis.get(k) ?? [])),
    byObjective: lines(
      groupBy(facts, (f) => f.specificCode),
      labels.objectives,
    ),
    byStructure: lines(
      groupBy(facts, (f) => f.structureCode),
      labels.structures,
    ),
    lateActions,
  };
}
