import { cellKey } from "./readWorkbook";

/**
 * Threaded comments (Review › New Comment; Excel's "comments", not its notes). Adding a note on a
 * cell that holds one is undocumented (in Excel's UI a cell holds one or the other), so such a cell
 * gets no note from the add-in: the explanation stays in 「核查结果」.
 *
 * Workbook.comments (ExcelApi 1.10, https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbook#excel-excel-workbook-comments-member)
 * has no getItemByCellOrNullObject (getItemByCell throws where there is none:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.commentcollection), so the
 * collection is loaded and each comment's cell read with Comment.getLocation()
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.comment#excel-excel-comment-getlocation-member(1)).
 */
/**
 * The ids readWorkbook loaded with its first batch (Workbook.comments.load("items/id")): null
 * without the API; undefined where that load did not come back (a batch refused for its size and
 * read again without it): applyPlan then asks in its own small batch.
 */
export function commentIdsOf(comments: Excel.CommentCollection | null): string[] | null | undefined {
  if (!comments) return null;
  try {
    return comments.items.map((c) => c.id);
  } catch {
    return undefined;
  }
}

/** The cells of these comments, queued in a batch (Comment.getLocation); read after its sync. */
export function queueCommentCells(context: Excel.RequestContext, ids: string[]): () => Set<string> {
  const places = ids.map((id) => context.workbook.comments.getItem(id).getLocation().load("address"));
  return () => new Set(places.map((r) => keyOfAddress(r.address)));
}

export interface CommentProbe {
  /** After the sync the probe was queued in: the cells ("sheet!A1") holding a threaded comment (one more sync where there are any). */
  cells(context: Excel.RequestContext): Promise<Set<string>>;
}

/** Queue the load of the workbook's threaded comments in a batch; read them after its sync. */
export function queueCommentProbe(context: Excel.RequestContext): CommentProbe {
  const comments = context.workbook.comments.load("items/id");
  return {
    async cells(ctx) {
      if (!comments.items.length) return new Set();
      const places = comments.items.map((c) => c.getLocation().load("address"));
      await ctx.sync();
      return new Set(places.map((r) => keyOfAddress(r.address)));
    },
  };
}

/** "附件2!D5", "'Sheet 1'!D5", "'It''s'!$D$5" → the cellKey of that cell. */
export function keyOfAddress(address: string): string {
  const i = address.lastIndexOf("!");
  const sheet = address.slice(0, i);
  const name = /^'.*'$/.test(sheet) ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
  return cellKey(name, address.slice(i + 1).replace(/\$/g, "").split(":")[0]);
}
