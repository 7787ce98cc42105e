/** Command-line options of `check`. */
export interface CliOptions {
  inputs: string[];
  json: boolean;
  out: string | null;
  inPlace: boolean;
  undo: boolean;
  profile: string | null;
  report: string | null;
  summary: string | null;
  verbose: boolean;
  /** Full reports for every file of a folder (a single file always gets one). */
  full: boolean;
  help: boolean;
}

/** A mistake in how the command was called; `showUsage` adds the usage text. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { inputs: [], json: false, out: null, inPlace: false, undo: false, profile: null, report: null, summary: null, verbose: false, full: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} 后面需要一个文件名`);
      return v;
    };
    if (a === "--json") o.json = true;
    else if (a === "--out" || a === "-o") o.out = value();
    else if (a === "--in-place") o.inPlace = true;
    else if (a === "--undo") o.undo = true;
    else if (a === "--profile") o.profile = value();
    else if (a === "--report") o.report = value();
    else if (a === "--summary") o.summary = value();
    else if (a === "--verbose" || a === "-v") o.verbose = true;
    else if (a === "--full") o.full = true;
    else if (a === "--help" || a === "-h") o.help = true;
    else if (a.startsWith("--")) throw new UsageError(`未知选项：${a}`);
    else o.inputs.push(a);
  }
  if (o.help) return o;
  if (o.inputs.length === 0) throw new UsageError("请指定要核查的 .xlsx 文件或文件夹");
  if (o.out && o.inPlace) throw new UsageError("--out 与 --in-place 不能同时使用");
  return o;
}

export const USAGE = `用法：npm run --silent check -- 文件.xlsx [文件2.xlsx | 文件夹 ...] [选项]

选项：
  --json            以 JSON 输出（一个文件为对象，多个文件为数组）
  --out 输出.xlsx    把核查后的工作簿（填入计算结果、标记问题、附「核查结果」表）另存为新文件；
                    核查文件夹或多个文件时为输出文件夹，按原文件夹结构存放“原名.checked.xlsx”
  --in-place        直接修改原文件（可用 --undo 撤销）
  --undo            撤销此前核查对文件所做的全部修改（与 --out 或 --in-place 一起使用）
  --profile 名称|文件 评分规则：seed（默认）、national（财预〔2020〕10号）或 JSON 规则文件
  --report 报告.docx  核对自评报告正文与表格中的数字（文件夹模式下自动配对同名 .docx）
  --summary 汇总.xlsx 另存汇总表：每张自评表一行，问题最多的排在前面；另有「问题明细」「核查信息」
  --full            核查文件夹时也逐个输出完整报告（默认每个文件一行）
  --verbose         在标准错误输出英文日志

退出码：0 无错误；1 存在错误级问题；2 文件无法读取或不含自评表格。`;
