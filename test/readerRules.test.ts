import { checkWorkbook } from "../src/engine/check";
import type { CellRange, SheetSnapshot, SnapshotCell } from "../src/engine/snapshot";

/**
 * The reader's general rules, each on a small form of this test's own words (not a corpus
 * form's): what a header ends with, weights typed as percentages, a line naming whose unit or
 * project it is, a total label merged across the weight column.
 */
function sheet(rows: (string | number | null)[][], merges: CellRange[] = [], name = "Sheet1"): SheetSnapshot {
  const cells = rows.map((r) => r.map((v): SnapshotCell | null => (v === null ? null : { value: v })));
  return { name, top: 0, left: 0, cells, merges };
}
const check = (s: SheetSnapshot) => checkWorkbook({ sheets: [s] });

describe("the forms reader's general rules", () => {
  it("a header ending in 分值 or 权重 is the weight column whatever comes first (计划分值, 标准权重)", () => {
    for (const head of ["计划分值", "标准权重", "参照满分"]) {
      const r = check(sheet([["指标名称", head, "得分"], ["培训人次", 40, 45], ["满意度", 60, 50], ["合计", 100, 95]]));
      expect(r.forms[0].reading.blocks.find((b) => b.role === "indicators")?.columns.weight).toBe("B1");
      expect(r.findings.some((f) => f.rule === "score-out-of-range")).toBe(true);
    }
  });

  it("a 权重 column typed in percent beside scores in points reads as shares of 100 points, and says so", () => {
    const r = check(sheet([["指标名称", "权重", "得分"], ["培训人次", "30%", 28], ["满意度", "70%", 65], ["合计", null, 93]]));
    expect(r.findings.filter((f) => f.rule === "score-out-of-range")).toEqual([]);
    expect(r.forms[0].computed.totalScore).toBe(93);
    expect(r.forms[0].reading.ruleSources).toContainEqual({ rule: "indicator-weights", from: "percent-column", cell: "B2" });
    // A mixed column is left as typed: 30% is 0.3 there, and 28 exceeds it.
    const mixed = check(sheet([["指标名称", "权重", "得分"], ["培训人次", "30%", 28], ["满意度", 70, 65], ["合计", null, 93]]));
    expect(mixed.findings.filter((f) => f.rule === "score-out-of-range").length).toBe(1);
  });

  it("a title or name line of a special fund or transfer payment makes a project form; qualified unit lines name its unit", () => {
    const rows = [
      ["农村厕所改造补助资金绩效目标自评表"],
      ["专项资金名称", "农村厕所改造补助"],
      ["县级主管部门", "某县农业农村局", "资金使用单位", "某镇人民政府"],
      [null, "全年预算数", "全年执行数", "执行率"],
      ["年度资金总额", 100, 90, null],
      ["指标名称", "分值", "得分"],
      ["改厕户数", 50, 50],
      ["满意度", 50, 45],
    ];
    const f = check(sheet(rows)).forms[0];
    expect(f.kind).toBe("project");
    expect(f.title).toBe("农村厕所改造补助");
    expect(f.unit).toBe("某镇人民政府");
  });

  it("a line offering alternatives (单位名称/项目名称) starts a form and asks for a project; a sentence ending in 主管部门 is no label", () => {
    const rows = [
      ["指标名称", "分值", "得分"],
      ["甲", 50, 50],
      ["乙", 50, 40],
      ["合计", 100, 90],
      ["单位名称/项目名称", "某项目"],
      ["指标名称", "分值", "得分"],
      ["丙", 60, 60],
      ["丁", 40, 30],
    ];
    const r = check(sheet(rows));
    expect(r.forms.map((f) => f.kind)).toEqual(["department", "project"]);
    expect(r.forms[0].range).toBe("A1:C4");
    // 中央主管部门 names the ministry a transfer payment comes from, never the form's unit.
    const ministry = (lines: (string | number | null)[][]) => check(sheet([["转移支付项目绩效目标自评表"], ...lines, [null, "全年预算数", "全年执行数", "执行率"], ["年度资金总额", 10, 10, "100%"]])).forms[0].unit;
    expect(ministry([["中央主管部门", "文化和旅游部"]])).toBeNull();
    expect(ministry([["中央主管部门", "文化和旅游部"], ["省级主管部门", "某省文化和旅游厅"]])).toBe("某省文化和旅游厅");
    // 一级预算单位名称 is a 单位名称 line after a short qualifier.
    const qualified = check(sheet([["部门整体支出绩效自评表"], ["一级预算单位名称", "某县林业局"], ["指标名称", "分值", "得分"], ["甲", 100, 90]]));
    expect(qualified.forms[0].unit).toBe("某县林业局");
    const long = check(sheet([["资金由上级业务主管部门", "某局"], ["指标名称", "分值", "得分"], ["甲", 100, 90]]));
    expect(long.forms[0].unit).toBeNull();
  });

  it("a total label merged across the weight column leaves no figure there (no unreadable value)", () => {
    const r = check(sheet([["指标名称", "分值", "得分"], ["甲", 50, 50], ["乙", 50, 40], ["得分合计", null, 90]], [{ top: 3, left: 0, bottom: 3, right: 1 }]));
    expect(r.findings.filter((f) => f.rule === "value-unreadable")).toEqual([]);
    expect(r.forms[0].computed.totalScore).toBe(90);
  });

  it("without a 分值 column, a 二级 merged over several rows may be scored once, on one row; one scored on none of its rows owes a score on each", () => {
    const rows = [
      [null, "全年预算数", "全年执行数", "执行率", "得分"],
      ["预算执行(20分)", 10, 10, "100%", 20],
      ["一级指标", "二级指标", "三级指标", "完成值", "得分"],
      ["产出(40分)", "数量", "甲", "完成", 20],
      [null, null, "乙", "完成", null],
      [null, "质量", "丙", "完成", 20],
      ["效益(40分)", "社会", "丁", "完成", null],
      [null, null, "戊", "完成", null],
      [null, "生态", "己", "完成", 40],
    ];
    const merges = [
      { top: 3, left: 0, bottom: 5, right: 0 },
      { top: 3, left: 1, bottom: 4, right: 1 },
      { top: 6, left: 0, bottom: 8, right: 0 },
      { top: 6, left: 1, bottom: 7, right: 1 },
    ];
    const r = check(sheet(rows, merges));
    // 数量 is scored once (E4) for both its rows; 社会 on neither row: each of its rows owes a score.
    expect(r.findings.filter((f) => f.rule === "score-missing").map((f) => f.cell)).toEqual(["E7", "E8"]);
    expect(r.forms[0].computed.totalScore).toBeNull();
  });

  it("a heading merged across columns over headings of its own (预算数 over 年初预算数 | 全年预算数) names a group: the row beneath gives the columns", () => {
    const rows = [
      ["部门整体支出绩效自评表"],
      ["单位名称", "某县文化馆"],
      ["资金", "预算数", null, "执行数", "执行率", "分值", "得分"],
      [null, "年初预算数", "全年预算数", null, null, null, null],
      ["年度资金总额", 100, 120, 108, null, 10, null],
      ["绩效指标", null, null, "年度指标值", "实际完成值", "分值", "得分"],
      ["一级指标", "二级指标", "三级指标", null, null, null, null],
      ["产出指标", "数量指标", "演出场次", "≥20场", "22场", 50, 50],
      ["效益指标", "社会效益", "观众人次", "≥1万", "1.2万", 30, 30],
      ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", 10, 9],
      ["总分", null, null, null, null, 100, null],
    ];
    const down = (top: number, col: number) => ({ top, left: col, bottom: top + 1, right: col });
    const merges = [{ top: 2, left: 1, bottom: 2, right: 2 }, down(2, 0), down(2, 3), down(2, 4), down(2, 5), down(2, 6), { top: 5, left: 0, bottom: 5, right: 2 }, down(5, 3), down(5, 4), down(5, 5), down(5, 6)];
    const f = check(sheet(rows, merges)).forms[0];
    expect(f.budget).toEqual({ initial: 100, annual: 120, executed: 108, moneyUnit: "万元" });
    expect(f.computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 98, grade: "优秀" });
    const money = f.reading.blocks.find((b) => b.role === "money")!;
    expect([money.columns.initial, money.columns.annual, money.columns.executed]).toEqual(["B4", "C4", "D3"]);
    expect(f.reading.blocks.find((b) => b.role === "indicators")?.columns.l1).toBe("A7");
    // A title merged across the table over a header row is no group heading.
    expect(f.unit).toBe("某县文化馆");
  });

  it("points that no block read carries (money not found; indicators weigh 90 of 100) give no total, never a false mismatch", () => {
    const rows = [
      ["部门整体支出绩效自评表"],
      ["单位名称", "某县文化馆"],
      // Money the reader cannot read: label and figure pairs of the budget only, over two rows.
      ["年初预算数（万元）", 100, "全年预算数（万元）", 120],
      ["全年执行数（万元）", 108, "执行率", "90%"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "演出场次", "≥20场", "22场", 50, 50],
      ["效益指标", "社会效益", "观众人次", "≥1万", "1.2万", 30, 30],
      ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", 10, 9],
      ["总分", null, null, null, null, 100, 98],
    ];
    const r = check(sheet(rows));
    const f = r.forms[0];
    expect(f.computed.totalScore).toBeNull();
    expect(r.findings.filter((x) => x.rule === "total-score-mismatch")).toEqual([]);
    expect(r.findings.find((x) => x.rule === "value-missing" && x.cell === "G9")?.message).toContain("10 分不在已识别的表格中");
    expect(f.reading.unread.map((u) => u.role)).toEqual(["money", "total"]);
    // Weights that make up the total: the indicators are the whole form, and it is scored.
    const whole = rows.map((row, i) => (i === 7 ? [...row.slice(0, 5), 20, 19] : i === 8 ? [...row.slice(0, 6), 99] : row));
    expect(check(sheet(whole)).forms[0].computed.totalScore).toBe(99);
  });

  it("two cells of one role are told apart by what the form shows: figures over words, 折算得分 over a raw score, a value over a state", () => {
    const rows = [
      ["县级专项资金绩效自评表"],
      ["项目名称", "农家书屋补充更新", null, "实施(责任)单位", "某县文化馆"],
      [null, "全年预算数", "全年执行数", "执行率"],
      ["年度资金总额", 8, 8, "100%"],
      ["一级指标", "三级指标", "指标分值", "预期指标值", null, null, "实际完成值", "完成情况", "自评得分", null, null],
      [null, null, null, "符号", null, "单位", null, null, "原始得分", "权重占比(%)", "折算得分"],
      ["产出指标", "更新图书", "补充更新农家书屋出版物", "≥", 20, "种", 24, "完成", 100, 60, 60],
      ["效益指标", "群众满意度", "问卷调查满意的比例", "≥", 90, "%", 85, "未完成", 80, 40, 32],
    ];
    const down = (top: number, col: number) => ({ top, left: col, bottom: top + 1, right: col });
    const merges = [down(4, 0), down(4, 1), down(4, 2), { top: 4, left: 3, bottom: 4, right: 5 }, down(4, 6), down(4, 7), { top: 4, left: 8, bottom: 4, right: 10 }];
    const r = check(sheet(rows, merges));
    const f = r.forms[0];
    // 实施(责任)单位 is an 实施单位 line with an alternative set inside the word.
    expect(f.unit).toBe("某县文化馆");
    const cols = f.reading.blocks.find((b) => b.role === "indicators")!.columns;
    expect([cols.weight, cols.score, cols.actual, cols.target, cols.nature, cols.measure]).toEqual(["J6", "K6", "G5", "D5", "D6", "F6"]);
    expect(f.computed.totalScore).toBe(92);
    expect(r.findings.filter((x) => x.severity === "error")).toEqual([]);
  });

  it("a grade merged over the total row's score column is the grade's cell; the total is the figure after the label", () => {
    const rows = [
      ["项目支出绩效自评表"],
      ["项目名称", "文化下乡"],
      ["预算执行情况(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"],
      [null, 10, 10, "100%", 20],
      ["一级指标", "三级指标", "年初目标值", "实际完成值", "得分"],
      ["产出指标(60分)", "演出场次", "≥20场", "22场", 60],
      ["效益指标(20分)", "观众满意度", "≥90%", "95%", 20],
      ["总分", 100, "自评等级", "优", null],
    ];
    const r = check(sheet(rows, [{ top: 2, left: 0, bottom: 3, right: 0 }, { top: 7, left: 3, bottom: 7, right: 4 }]));
    expect(r.forms[0].computed.totalScore).toBe(100);
    expect(r.findings.filter((x) => x.severity === "error")).toEqual([]);
  });

  it("a money block printed after the indicators, before their total, is the same form's", () => {
    const rows = [
      ["项目支出绩效自评表"],
      ["项目名称", "文化下乡", null, "实施单位", "某县文化馆"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "演出场次", "≥20场", "22场", 50, 50],
      ["效益指标", "社会效益", "观众人次", "≥1万", "1.2万", 30, 30],
      ["满意度指标", "满意度", "群众满意度", "≥90%", "95%", 10, 9],
      ["预算执行情况", "全年预算数", "全年执行数", "执行率", null, "分值", "得分"],
      ["年度资金总额", 120, 108, "90%", null, 10, 9],
      ["总分", null, null, null, null, 100, 98],
    ];
    const r = check(sheet(rows));
    expect(r.forms).toHaveLength(1);
    const f = r.forms[0];
    expect([f.kind, f.unit]).toEqual(["project", "某县文化馆"]);
    expect(f.computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 98, grade: "优秀" });
    expect(f.reading.blocks.map((b) => [b.role, b.range])).toEqual([
      ["money", "A7:G8"],
      ["indicators", "A3:G6"],
      ["total", "A9:G9"],
    ]);
    expect(r.findings.filter((x) => x.severity === "error")).toEqual([]);
  });

  it("weights stated the ways forms print them: a bracket lost (20分)), a bare (30) after a group, a figure under 分值 inside the header", () => {
    const rows = [
      ["公共文化服务项目绩效评价自评表"],
      ["项目名称", "送戏下乡"],
      ["预算执行情况(万元)20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"],
      [null, 50, 45, "90%", 18],
      ["一级指标", "三级指标", "分值", "得分"],
      [null, null, 80, null],
      ["产出(50)", "演出场次", 30, 30],
      [null, "覆盖乡镇", 10, 10],
      ["效益(30)", "观众满意度", 30, 25],
    ];
    const merges = [{ top: 2, left: 0, bottom: 3, right: 0 }, { top: 4, left: 0, bottom: 5, right: 0 }, { top: 4, left: 1, bottom: 5, right: 1 }, { top: 4, left: 3, bottom: 5, right: 3 }, { top: 6, left: 0, bottom: 7, right: 0 }];
    const r = check(sheet(rows, merges));
    const f = r.forms[0];
    // 项目…评价自评表 is a project form's title.
    expect(f.kind).toBe("project");
    expect(f.budget).toEqual({ initial: null, annual: 50, executed: 45, moneyUnit: "万元" });
    expect(f.computed.executionScore).toBe(18);
    const errors = r.findings.filter((x) => x.severity === "error").map((x) => `${x.rule} ${x.cell}`);
    // 产出(50) over 30 + 10; the 80 under 分值 inside the header over 30 + 10 + 30.
    expect(errors.sort()).toEqual(["group-weight-mismatch A7", "indicator-weight-mismatch C6"]);
  });

  it("an evaluation by criteria: 评价准则 names, a rating out of 100 before weighting, a last row whose weight is the whole form's is its total", () => {
    const rows = [
      ["评价要素", "权重(%)", "评分(百分制)", "加权得分", "结论"],
      ["相关性", "30%", 90, 27, "相关"],
      ["效率", "40%", 80, 32, "较好"],
      ["可持续性", "30%", 70, 21, "一般"],
      ["综合绩效", "100%", "/", 80, "良"],
    ];
    const r = check(sheet(rows));
    const f = r.forms[0];
    expect(f.reading.blocks.find((b) => b.role === "indicators")?.columns).toMatchObject({ l3: "A1", weight: "B1", coefficient: "C1", score: "D1" });
    expect(f.reading.blocks.find((b) => b.role === "total")?.range).toBe("A5:D5");
    expect(f.computed.totalScore).toBe(80);
    expect(r.findings.filter((x) => x.severity === "error")).toEqual([]);
    expect(f.reading.unread.map((u) => u.why)).toContain("表上没有表名或项目名称，按部门整体支出绩效自评表核查");
    // A last row that is only one more indicator (its weight is not the whole form's) stays an indicator.
    const more = check(sheet([rows[0], ["相关性", 25, 90, 22.5, null], ["效率", 25, 80, 20, null], ["效果", 50, 70, 35, null]]));
    expect(more.forms[0].computed.totalScore).toBe(77.5);
  });

  it("one form printed as two tables with headers of their own, funds by source with their 合计, a total written inside its label's cell", () => {
    const rows: (string | number | null)[][] = [
      ["某县财政预算支出项目绩效目标自评表"],
      ["项目名称", "农村客运站维护", null, null, "自评总分：88"],
      ["项目实施单位", "某县交通运输局"],
      ["资金来源", "中央", "本级", "合计", "执行数", "执行率"],
      [null, 20, 30, 50, 50, "100%"],
      ["项目权重", "评价内容", "分值", "自评分", "评价标准"],
      ["项目决策10分", "立项依据", 10, 10, "有依据得10分"],
      ["项目管理20分", "资金管理", 20, 18, "制度健全得20分"],
      ["项目年度目标1：站点维护"],
      ["一级指标", "三级指标", "年初指标值", "年终完成值", "自评分"],
      ["产出指标", "维护站点数", "≥10个", "10个", 40],
      ["效益指标", "群众满意度", "≥90%", "92%", 30],
    ];
    const r = check(sheet(rows, [{ top: 3, left: 0, bottom: 4, right: 0 }]));
    expect(r.forms).toHaveLength(1);
    const f = r.forms[0];
    expect([f.kind, f.unit]).toEqual(["project", "某县交通运输局"]);
    expect(f.budget).toEqual({ initial: null, annual: 50, executed: 50, moneyUnit: "万元" });
    expect(f.computed.totalScore).toBe(98);
    expect(f.reading.blocks.filter((b) => b.role === "indicators").map((b) => [b.range, b.columns.score])).toEqual([
      ["B6:E8", "D6"],
      ["A10:E12", "E10"],
    ]);
    // 88 written inside "自评总分：88" is compared with 98, never written over.
    expect(r.findings.filter((x) => x.severity === "error").map((x) => `${x.rule} ${x.cell}`)).toEqual(["total-score-mismatch E2"]);
    expect(r.plan.writes.filter((w) => w.cell === "E2")).toEqual([]);
  });

  it("a form's title with nothing readable under it is said at the title; a report's cover is no form", () => {
    const rows = [
      ["某县2024年度转移支付项目绩效自评表"],
      ["一级指标", "三级指标", "指标解释", "自评内容", "完成情况"],
      ["项目管理", "预算编制", "预算编制科学", "资金测算依据", "已完成"],
    ];
    const r = check(sheet(rows));
    expect(r.forms).toEqual([]);
    const said = r.findings.filter((x) => x.rule === "form-unreadable");
    expect(said.map((x) => [x.severity, x.cell])).toEqual([["warning", "A1"]]);
    expect(said[0].message).toContain("未核查");
    expect(check(sheet([["2024年度部门整体支出绩效自评报告"], ["一、部门基本情况"]])).findings.filter((x) => x.rule === "form-unreadable")).toEqual([]);
  });

  it("a total stated on the header lines is compared as well as the total row's; a column of figures ends where the next block's words begin", () => {
    const rows = [
      ["部门整体支出绩效自评表"],
      ["部门名称", "某县档案局", null, null, "自评总分(分)", 95],
      ["部门整体支出总额", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
      [null, 100, 100, 95, "95%", 10, 9.5],
      ["一级指标", "二级指标", "三级指标", "年度目标值", "实际完成值", "分值", "自评得分"],
      ["产出指标(50分)", "数量", "档案接收", "≥1000卷", "1200卷", 50, 50],
      ["效益指标(40分)", "社会", "利用人次", "≥500", "600", 40, 36],
      ["自评得分合计", null, null, null, null, 100, 95.5],
    ];
    const r = check(sheet(rows, [{ top: 7, left: 0, bottom: 7, right: 4 }]));
    const f = r.forms[0];
    // 部门整体支出总额 on the header row has no figure below it; 全年预算数 has, until the indicator header.
    expect(f.budget).toEqual({ initial: 100, annual: 100, executed: 95, moneyUnit: "万元" });
    expect(f.computed.totalScore).toBe(95.5);
    expect(r.findings.filter((x) => x.severity === "error").map((x) => `${x.rule} ${x.cell}`)).toEqual(["total-score-mismatch F2"]);
    expect(r.plan.writes.filter((w) => w.cell === "F2")).toEqual([]);
  });

  it("a last row weighing the form's whole with the money block is its total; a total above full marks gets no grade", () => {
    const rows = [
      ["县级补助资金转移支付项目绩效自评表"],
      ["转移支付(项目)名称", "特殊教育补助"],
      ["项目资金(万元)", null, "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
      ["年度资金总额:", 28, 28, 28, 10, "100%", 10],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "教学软件", "2套", "2套", 50, 50],
      ["效益指标", "社会效益指标", "特殊教育资源", "扩大", "扩大", 30, 30],
      ["满意度指标", "满意度", "家长满意度", "90%", "98%", 10, 10],
      ["分总", null, null, null, null, 100, 100],
    ];
    const r = check(sheet(rows));
    const f = r.forms[0];
    // The figure 28 in the unheaded B4 is no row label: 年度资金总额 is.
    expect(f.budget).toEqual({ initial: null, annual: 28, executed: 28, moneyUnit: "万元" });
    expect(f.computed).toEqual({ executionRate: 1, executionScore: 10, totalScore: 100, grade: "优秀" });
    expect(f.reading.blocks.find((b) => b.role === "total")?.range).toBe("A9:G9");
    // A last indicator that is no total (60, not the whole) makes 160 of 100: no grade for that.
    const over = rows.map((row, i) => (i === 8 ? ["满意度指标", "满意度", "教师满意度", "90%", "98%", 60, 60] : row));
    const r2 = check(sheet(over));
    expect(r2.forms[0].computed.totalScore).toBe(160);
    expect(r2.forms[0].computed.grade).toBeNull();
    expect(r2.findings.find((x) => x.rule === "grade-pending")?.message).toContain("超过满分 100 分");
  });

  it("a money row weighed otherwise than the profile is blamed only when the weights exceed the full marks or the form's own 总分 分值", () => {
    const form = (execWeight: number, rows: (string | number)[][]) => [
      ["项目支出绩效自评表"],
      ["项目名称", "文物日常维护"],
      [null, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
      ["年度资金总额", 29, 27.8, execWeight, null, null],
      ["一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ...rows,
    ];
    const cut = [["产出指标", "修缮面积", "6000平方米", "6000平方米", 50, 50], ["效益指标", "文物安全", "安全", "安全", 15, 15]];
    // 9 + 65 of 100, no 总分 row: the copy may be cut; the form's own 9 is used.
    const short = check(sheet(form(9, cut)));
    expect(short.findings.filter((x) => x.rule === "execution-weight-mismatch")).toEqual([]);
    expect(short.forms[0].computed.executionScore).toBe(8.63);
    // 100 typed for 10 over indicators of 90: the weights exceed the full marks, so the money row is wrong.
    const over = check(sheet(form(100, [["产出指标", "修缮面积", "6000平方米", "6000平方米", 90, 90]])));
    expect(over.findings.filter((x) => x.rule === "execution-weight-mismatch").map((x) => x.cell)).toEqual(["D4"]);
    // A 总分 分值 of 100 printed by the form: 9 + 65 does not add up to it.
    const stated = check(sheet([...form(9, cut), ["总分", null, null, null, 100, null]]));
    expect(stated.findings.filter((x) => x.rule === "execution-weight-mismatch").map((x) => x.cell)).toEqual(["D4"]);
  });

  it("indicators of several kinds under one merged 分值 / 得分 are each read; the group's score is owed once", () => {
    const rows = [
      ["项目支出绩效自评表"],
      ["项目名称", "职业培训"],
      [null, "全年预算数", "全年执行数", "执行率"],
      ["年度资金总额", 100, 100, "100%"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
      ["产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 60, 55, null],
      [null, "质量指标", "结业率", "≥95%", "90%", null, null, null],
      [null, "时效指标", "按期完成", "100%", "100%", null, null, null],
      ["效益指标", "社会效益指标", "就业率", "≥60%", "65%", 40, null, null],
    ];
    const merges = [{ top: 5, left: 0, bottom: 7, right: 0 }, { top: 5, left: 5, bottom: 7, right: 5 }, { top: 5, left: 6, bottom: 7, right: 6 }];
    const r = check(sheet(rows, merges));
    // 结业率 90% under ≥95% is read and found below target, though its score is the group's (G6).
    expect(r.findings.filter((x) => x.rule === "indicator-below-target").map((x) => x.cell)).toEqual(["H7"]);
    // Only the 效益 row owes its blank score; the rows scored with 培训人次 owe none.
    expect(r.findings.filter((x) => x.rule === "score-missing").map((x) => x.cell)).toEqual(["G9"]);
  });

  describe("rows that are only the rest of another form", () => {
    // A whole project form of this test's own words: title, 项目名称, money block (10 points), indicators (90).
    const form = (top: (string | number | null)[][] = []) => [
      ...top,
      ["乡村道路养护项目支出绩效自评表"],
      ["项目名称", "乡村道路养护"],
      ["资金情况", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
      ["年度资金总额", 50, 45, null, 10, null],
      ["绩效指标(90分)", "一级指标", "三级指标", "指标值", "分值", "得分"],
      [null, "产出指标", "养护里程", "≥20公里", 50, 50],
      [null, "效益指标", "通行满意度", "≥90%", 40, 36],
      ["合计", null, null, null, 100, null],
    ];
    const findingsOf = (r: ReturnType<typeof check>, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => f.cell);

    it("an indicator header whose own label claims part of the points, with no title, name line or money above it, is said and not checked", () => {
      const tail = [
        ["绩效指标(90分)", "一级指标", "三级指标", "指标值", "分值", "得分"],
        [null, "满意度指标", "群众满意度", "≥95%", 90, 80],
        ["合计", null, null, null, 100, null],
        ["评价结论", "按期完成"],
      ];
      const r = check(sheet(form(tail)));
      expect(r.forms).toHaveLength(1);
      expect(r.forms[0].kind).toBe("project");
      expect(r.forms[0].computed).toEqual({ executionRate: 0.9, executionScore: 9, totalScore: 95, grade: "优秀" });
      expect(findingsOf(r, "form-remainder")).toEqual(["A1"]);
      const said = r.findings.find((f) => f.rule === "form-remainder")!;
      expect(said.severity).toBe("info");
      expect(said.message).toContain("90 分（全表 100 分）");
      // The report's headline is the form's, not the remainder's 80 + nothing.
      expect(r.computed.totalScore).toBe(95);
      // Alone on its sheet the rows are still only part of a form: said, not scored.
      const alone = check(sheet(tail));
      expect(alone.forms).toEqual([]);
      expect(findingsOf(alone, "form-remainder")).toEqual(["A1"]);
    });

    it("without such a label, a total counting more points than the rows carry is a remainder only when a form that names itself follows", () => {
      const tail = [
        ["一级指标", "三级指标", "指标值", "分值", "得分"],
        ["满意度指标", "群众满意度", "≥95%", 90, 80],
        ["总分", null, null, 100, 80],
      ];
      const r = check(sheet(form(tail)));
      expect(r.forms).toHaveLength(1);
      expect(findingsOf(r, "form-remainder")).toEqual(["A3"]);
      // Alone, the same rows are read as a form; its other 10 points lie in no block read, so no total.
      const alone = check(sheet(tail));
      expect(alone.forms.map((f) => f.computed.totalScore)).toEqual([null]);
      expect(findingsOf(alone, "form-remainder")).toEqual([]);
    });

    it("rows that name themselves, or whose label claims the whole form, stay a form", () => {
      const named = check(sheet([["单位名称", "某县档案馆"], ["绩效指标(90分)", "一级指标", "三级指标", "分值", "得分"], [null, "产出指标", "档案数字化", 90, 85], ["合计", null, null, 90, 85]]));
      expect(named.forms).toHaveLength(1);
      expect(findingsOf(named, "form-remainder")).toEqual([]);
      const whole = check(sheet([["绩效指标(100分)", "一级指标", "三级指标", "分值", "得分"], [null, "产出指标", "档案数字化", 60, 55], [null, "效益指标", "查阅满意度", 40, 40], ["合计", null, null, 100, 95]]));
      expect(whole.forms.map((f) => f.computed.totalScore)).toEqual([95]);
      expect(findingsOf(whole, "form-remainder")).toEqual([]);
    });

    it("within a family, a form that names itself heads the report before rows that name nothing", () => {
      const rows = [
        ["指标名称", "分值", "得分"],
        ["甲", 60, 60],
        ["乙", 40, 30],
        ["合计", 100, 90],
        ["部门整体支出绩效自评表"],
        ["单位名称", "某县档案馆"],
        ["指标名称", "分值", "得分"],
        ["丙", 50, 50],
        ["丁", 50, 48],
        ["合计", 100, 98],
      ];
      const r = check(sheet(rows));
      expect(r.forms.map((f) => [f.kind, f.unit])).toEqual([
        ["department", "某县档案馆"],
        ["department", null],
      ]);
      expect(r.unit).toBe("某县档案馆");
      expect(r.computed.totalScore).toBe(98);
    });
  });
});
