import { useRef, useState, type DragEvent } from "react";
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { fromDrop, fromInput, type PickedFile } from "../collect";
import { REPORT_EXTENSIONS, WORKBOOK_EXTENSIONS } from "../../summary/pairing";

const useStyles = makeStyles({
  zone: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { display: "none" },
});

export interface PickerProps {
  disabled: boolean;
  onPick: (files: PickedFile[]) => void;
}

/** Pick a folder or files, or drop either on the zone. Nothing is uploaded: the files are read here. */
export function Picker({ disabled, onPick }: PickerProps) {
  const s = useStyles();
  const folder = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  // The input forgets each pick once read: the same file or folder picked again (a corrected
  // submission, or after 取消) fires a change again, which an unchanged value would not.
  const picked = (input: HTMLInputElement) => {
    const list = input.files ? fromInput(input.files) : [];
    input.value = "";
    if (list.length) onPick(list);
  };
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) onPick(await fromDrop(e.dataTransfer.items));
  };
  return (
    <div
      className={mergeClasses(s.zone, over && s.over)}
      role="region"
      aria-label="选择或拖放要核查的文件"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Button appearance="primary" disabled={disabled} onClick={() => folder.current?.click()}>
        选择文件夹
      </Button>
      <Button disabled={disabled} onClick={() => files.current?.click()}>
        选择文件
      </Button>
      <Text>或把文件夹、文件拖到这里。工作簿（.xlsx）与同名的自评报告（.docx）自动配对。</Text>
      <input
        ref={folder}
        className={s.hidden}
        type="file"
        aria-label="选择文件夹"
        data-testid="folder-input"
        // webkitdirectory: pick a whole folder (Chromium-based browsers, the page's minimum).
        {...({ webkitdirectory: "", directory: "" } as object)}
        onChange={(e) => picked(e.target)}
      />
      <input
        ref={files}
        className={s.hidden}
        type="file"
        multiple
        aria-label="选择文件"
        data-testid="files-input"
        accept={[...WORKBOOK_EXTENSIONS, ...REPORT_EXTENSIONS].map((e) => `.${e}`).join(",")}
        onChange={(e) => picked(e.target)}
      />
    </div>
  );
}
