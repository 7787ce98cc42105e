import type { Finding } from "./findings";
import type { Plan } from "./plan";

/** Figures the engine computes; null where an input is missing or unreadable. */
export interface Computed {
  executionRate: number | null;
  executionScore: number | null;
  staffControlRate: number | null;
  buildings: { scaleControlRate: number | null; investmentControlRate: number | null }[];
  totalScore: number | null;
  grade: string | null;
}

export interface TableLocation {
  sheet: string;
  range: string;
}

export interface CheckReport {
  unit: string | null;
  tables: { basicData: TableLocation | null; selfEvaluation: TableLocation | null };
  computed: Computed;
  findings: Finding[];
  plan: Plan;
}
