import * as React from "react";
import { Button, Field, makeStyles, Select, Switch, Text, Textarea, tokens } from "@fluentui/react-components";
import { PROFILES } from "../../engine/profile";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  hidden: { display: "none" },
});

export interface SettingsPanelProps {
  profileId: string;
  narrative: string;
  narrativeSource: string | null;
  autoCheck: boolean;
  /** The program has change events (Excel: ExcelApi 1.7). */
  autoAvailable: boolean;
  /** Why 自动核查 is not available here (the host says, in its own program's name). */
  noAutoText: string;
  disabled: boolean;
  onProfile: (id: string) => void;
  onAutoCheck: (on: boolean) => void;
  onNarrative: (text: string) => void;
  onPickReport: (file: File) => void;
}

/** The rule profile (stored in the workbook at the next 一键核算: a reviewer's 只检查 never writes) and the narrative report to check against the tables. */
export function SettingsPanel({ profileId, narrative, narrativeSource, autoCheck, autoAvailable, noAutoText, disabled, onProfile, onAutoCheck, onNarrative, onPickReport }: SettingsPanelProps) {
  const s = useStyles();
  const fileRef = React.useRef<HTMLInputElement>(null);
  return (
    <section className={s.root} aria-label="核算设置">
      <Field label="评分规则（一键核算时保存在本工作簿中）">
        <Select value={profileId} disabled={disabled} onChange={(_e, d) => onProfile(d.value)}>
          {Object.values(PROFILES).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        hint={autoAvailable ? "表格内的数字改动后，自动重新检查并刷新问题列表（只读，不修改工作簿）。" : noAutoText}
      >
        <Switch label="自动核查" checked={autoCheck} disabled={disabled || !autoAvailable} onChange={(_e, d) => onAutoCheck(d.checked)} />
      </Field>
      <Field label="自评报告正文（可选：粘贴文字或选择 .docx，与表格中的数字核对）">
        <Textarea value={narrative} disabled={disabled} resize="vertical" rows={3} onChange={(_e, d) => onNarrative(d.value)} placeholder="例如：2023年项目支出共计75.47万元……" />
      </Field>
      <div className={s.row}>
        <Button size="small" disabled={disabled} onClick={() => fileRef.current?.click()}>
          选择报告文件…
        </Button>
        <input
          ref={fileRef}
          className={s.hidden}
          type="file"
          accept=".docx,.txt"
          aria-label="选择自评报告文件"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onPickReport(f);
            e.target.value = "";
          }}
        />
        {narrativeSource && <Text size={200}>已读入：{narrativeSource}</Text>}
      </div>
    </section>
  );
}
