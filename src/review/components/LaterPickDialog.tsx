import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";

export interface LaterPickDialogProps {
  /** The files just picked while the table holds others; null: no dialog. */
  pending: { count: number; names: string[]; held: number; again: number } | null;
  onAdd: () => void;
  onRestart: () => void;
  onCancel: () => void;
}

/**
 * A pick while the table holds a batch: add to it (the default, focused first: one late submission
 * after a folder of 22) or start again. Esc or 取消 picks nothing.
 */
export function LaterPickDialog({ pending, onAdd, onRestart, onCancel }: LaterPickDialogProps) {
  const shown = pending ? pending.names.slice(0, 5).join("、") + (pending.names.length > 5 ? ` 等 ${pending.names.length} 个` : "") : "";
  return (
    <Dialog open={!!pending} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby="later-pick-text">
        <DialogBody>
          <DialogTitle>加入本批，还是重新开始？</DialogTitle>
          <DialogContent id="later-pick-text">
            表中已有 {pending?.held} 个文件。新选择了 {pending?.count} 个：{shown}。
            {pending && pending.again > 0 ? `其中 ${pending.again} 个与表中的文件同名同路径，加入后替换原来的行。` : ""}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onAdd}>
              加入本批
            </Button>
            <Button onClick={onRestart}>重新开始（清空表中的 {pending?.held} 个文件）</Button>
            <Button onClick={onCancel}>取消</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
