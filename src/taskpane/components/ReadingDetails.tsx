import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { FormReading } from "../../engine/locate/reading";
import { readingText } from "../../engine/readingText";

const useStyles = makeStyles({
  unread: { color: tokens.colorPaletteDarkOrangeForeground1 },
  lines: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

export interface ReadingDetailsProps {
  /** Absent in a report kept from an older version of the pane. */
  reading: FormReading | undefined;
}

/**
 * What the checker recognised on a form and where, what it could not read and why, and where each
 * rule came from: the reason a figure is missing is on the pane, not only in the JSON. What could
 * not be read shows without opening the section.
 */
export function ReadingDetails({ reading }: ReadingDetailsProps) {
  const s = useStyles();
  if (!reading) return null;
  const t = readingText(reading);
  return (
    <div>
      {t.unread && (
        <Text size={200} className={s.unread} block>
          未能识别：{t.unread}
        </Text>
      )}
      <Accordion collapsible>
        <AccordionItem value="reading">
          <AccordionHeader size="small">表格识别情况</AccordionHeader>
          <AccordionPanel>
            <div className={s.lines}>
              <Text size={200}>版式：{t.layout}</Text>
              <Text size={200}>已识别：{t.read}</Text>
              {t.sources && <Text size={200}>评分规则来源：{t.sources}</Text>}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
