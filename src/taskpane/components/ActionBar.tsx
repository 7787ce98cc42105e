import { Button, makeStyles, tokens, Tooltip } from "@fluentui/react-components";
import type { Busy } from "../state";

const useStyles = makeStyles({
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface ActionBarProps {
  busy: Busy;
  /** 一键核算 has run: its button offers to run again. Until then (只检查 and 自动核查 fill nothing in) it says 一键核算. */
  recalculated: boolean;
  onRecalculate: () => void;
  onReview: () => void;
  onClear: () => void;
  onUndo: () => void;
}

/** 「一键核算/重新核算」, 「只检查」, 「清除标记」, 「撤销本次修改」. */
export function ActionBar({ busy, recalculated, onRecalculate, onReview, onClear, onUndo }: ActionBarProps) {
  const s = useStyles();
  const disabled = busy !== null;
  return (
    <div className={s.bar} role="toolbar" aria-label="核算操作">
      <Button appearance="primary" onClick={onRecalculate} disabled={disabled}>
        {recalculated ? "重新核算" : "一键核算"}
      </Button>
      <Tooltip content="只读取和检查，列出全部问题，不修改工作簿（审核他人报送的表格时使用）" relationship="description">
        <Button onClick={onReview} disabled={disabled}>
          只检查
        </Button>
      </Tooltip>
      <Tooltip content="去掉底色和批注，保留已填入的数值" relationship="description">
        <Button onClick={onClear} disabled={disabled}>
          清除标记
        </Button>
      </Tooltip>
      <Tooltip content="恢复到核算助手修改之前的样子（保存并重新打开后也可以）" relationship="description">
        <Button onClick={onUndo} disabled={disabled}>
          撤销本次修改
        </Button>
      </Tooltip>
    </div>
  );
}
