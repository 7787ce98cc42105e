/** Names from contracts B and C, under the names the summary code uses. */
export { GRADE_PENDING as GRADE_PENDING_WORD } from "../engine/grade";
export { ruleNameZh as ruleNameOf } from "../engine/ruleNames";
