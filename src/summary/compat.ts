/**
 * Names other branches provide (contracts B and C). Until they land here,
 * the same names with their contracted behaviour; at merge this file becomes
 * two re-exports.
 */
export const GRADE_PENDING_WORD = "待定";
/** Chinese rule name (contract C); the id itself until the names land. */
export const ruleNameOf = (rule: string): string => rule;
