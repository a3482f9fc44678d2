//! Every string the page shows, in Chinese and English, in one place.
//!
//! Each entry is `name: "中文", "English";`. Templates hold `{name}`
//! placeholders filled by [`fill`]. Messages that come from the core
//! (validation errors, explanations) are rendered by the core in the same
//! language.

use scoring_core::Lang;

macro_rules! strings {
    ($($name:ident: $zh:expr, $en:expr;)*) => {
        /// The page's strings in one language.
        #[derive(Debug)]
        #[allow(missing_docs)]
        pub struct Strings {
            $(pub $name: &'static str,)*
        }

        /// Chinese, the default.
        pub const ZH: Strings = Strings { $($name: $zh,)* };

        /// English.
        pub const EN: Strings = Strings { $($name: $en,)* };

        impl Strings {
            /// Every string with its name, for checks.
            pub fn fields(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

strings! {
    app_title: "处室政务公开考核评分",
        "Office disclosure assessment";
    privacy: "数据只在本机处理，不会上传到任何地方。",
        "Everything is processed on this computer; nothing is sent anywhere.";
    skip_to_main: "跳到主要内容",
        "Skip to the main content";
    tab_data: "数据录入",
        "Data";
    tab_results: "评分结果",
        "Results";
    tab_rubric: "评分细则",
        "Rubric";
    tab_assessments: "考核列表",
        "Assessments";
    other_lang: "English",
        "中文";
    undo: "撤销",
        "Undo";
    redo: "重做",
        "Redo";
    print: "打印",
        "Print";
    welcome_title: "按评分细则为各处室的政务公开工作打分",
        "Score each office's disclosure work against a rubric";
    welcome_text: "选择评分细则，录入或导入各处室的年度数据，页面即时算出每个处室的得分、名次，并说明每一分的来历。数据不会上传，随时保存在本机浏览器中（刷新或关闭页面不会丢失）；重要的工作请“保存为文件”，以便留存、换电脑或交审计人员。",
        "Pick a rubric, type or import each office's yearly counts, and see every office's score and place update as you type, with the reason behind every point. Nothing is uploaded; your work is kept in this browser as you go (a reload or a closed tab loses nothing). Use “Save as file” to keep work that matters, move it to another PC, or hand it to an auditor.";
    welcome_step1: "① 在“数据录入”中逐格填写，或从 Excel 复制整块粘贴，或导入 CSV/XLSX 文件；",
        "1. In Data, type cell by cell, paste a block copied from Excel, or import a CSV/XLSX file;";
    welcome_step2: "② 在“评分结果”中查看排名，点击处室查看每项指标的得分说明；",
        "2. In Results, see the ranking; click an office to see how each indicator was scored;";
    welcome_step3: "③ 导出 CSV/XLSX 或打印排名表。",
        "3. Export CSV/XLSX or print the ranking.";
    load_example: "加载示例（6个处室）",
        "Load the worked example (six offices)";
    start_empty: "从空白表格开始",
        "Start with an empty table";
    example_title: "示例：6个处室",
        "Example: six offices";
    assessment_title: "考核名称",
        "Title";
    year: "年度",
        "Year";
    rubric: "评分细则",
        "Rubric";
    load_rubric: "载入细则文件…",
        "Load a rubric file…";
    rubric_errors_title: "细则文件“{file}”有误，未载入：",
        "The rubric file “{file}” has errors and was not loaded:";
    dismiss: "知道了",
        "Dismiss";
    office: "处室",
        "Office";
    add_office: "添加处室",
        "Add office";
    new_office: "新处室{n}",
        "New office {n}";
    remove: "删除",
        "Remove";
    move_up: "上移",
        "Move up";
    move_down: "下移",
        "Move down";
    confirm_remove_office: "删除处室“{name}”及其数据？（可撤销）",
        "Remove the office “{name}” and its data? (You can undo.)";
    warning_excluded: "{n}个处室的数据有误，未参与评分：{names}。其余处室照常评分。",
        "Offices with errors, left out of the results ({n}): {names}. The others are scored as usual.";
    warning_incomplete: "{n}个处室尚未填写完整，暂不参与评分。",
        "Offices not filled in yet, not scored ({n}).";
    grid_hint: "直接输入即替换原值；F2、回车或双击修改，Esc 取消；Tab、回车、方向键移动（同 Excel）；Ctrl+Z 撤销；可粘贴 Excel 数据块。",
        "Type to replace a value; F2, Enter or a double click edit it, Esc takes it back; Tab, Enter and the arrows move (as in Excel); Ctrl+Z undoes; paste blocks from Excel.";
    grid_hint_full: "选中单元格后直接输入即替换原值；F2、回车或双击在原值上修改，Esc 取消修改。方向键、Tab 和回车移动（输入后按 Tab 逐格向右，回车回到下一行起始列；在最后一行回车即添加处室）；Ctrl+Z 撤销、Ctrl+Y 重做；可从 Excel 复制整块数据粘贴。",
        "Type into a selected cell to replace its value; F2, Enter or a double click edit it in place, Esc takes the change back. The arrow keys, Tab and Enter move (after typing, Tab goes right and Enter to the next row where the Tabs began; Enter in the last row adds an office); Ctrl+Z undoes, Ctrl+Y redoes; paste a block copied from Excel.";
    grid_search: "查找处室",
        "Find an office";
    view_status: "显示{shown}/{total}个处室",
        "Showing {shown} of {total} offices";
    view_sorted: "，按“{column}”{direction}排列",
        ", sorted by “{column}”, {direction}";
    ascending: "从小到大",
        "smallest first";
    descending: "从大到小",
        "largest first";
    view_reset: "恢复原顺序",
        "Back to the stored order";
    view_note: "排序和查找只改变显示，不改变数据和保存的顺序，也不影响撤销。",
        "Sorting and searching change only what is shown: not the data, its stored order or undo.";
    sort_hint: "点击按此列排序；再点击从大到小；第三次恢复",
        "Click to sort by this column; again for largest first; a third time to undo the sort";
    moving_off: "排序或查找时不能移动处室",
        "Offices cannot be moved while the grid is sorted or searched";
    move_up_named: "上移“{name}”",
        "Move “{name}” up";
    move_down_named: "下移“{name}”",
        "Move “{name}” down";
    remove_named: "删除“{name}”",
        "Remove “{name}”";
    problems_button: "问题（{n}）",
        "Problems ({n})";
    problems_title: "有问题的单元格（点击跳到该单元格）",
        "Cells with problems (click one to go to it)";
    problems_blank: "{n}格未填",
        "{n|blank cell|blank cells}";
    total_row: "合计（{n}个）",
        "Total ({n} shown)";
    mean_row: "平均（按已填数值）",
        "Average (of values filled in)";
    yes_count: "是{n}个",
        "yes: {n}";
    cell_kind_count: "填整数（≥ 0）",
        "a whole number ≥ 0";
    cell_kind_amount: "填数字（≥ 0）",
        "a number ≥ 0";
    cell_kind_flag: "填“是”或“否”（也可填 1 或 0）",
        "yes or no (or 1 or 0)";
    cell_kind_choice: "从以下选项中选：{choices}",
        "one of: {choices}";
    cell_kind_na: "；不适用的填“不适用”",
        "; N/A where it does not apply";
    cell_kind_category: "类别：{names}（决定考核哪些指标、满分多少、与谁排名）",
        "category: {names} (decides what the unit is scored on, out of what, and among whom)";
    cell_kind_text: "文字说明，不计分",
        "text, not scored";
    cell_kind_name: "处室名称",
        "the office's name";
    cell_bar_empty: "选中一个单元格，这里显示应填什么。",
        "Select a cell to see what it takes.";
    preview_layout: "这不是普通的数据表（第一行为表头、每行一个处室），将按下面找到的版式读取，请核对：",
        "This is not laid out as a plain data file (the header first, one office per row). It will be read by the layout found below; please check it:";
    undone_at: "已撤销：{office}·{label}（在“数据录入”中可见）",
        "Undone: {office} · {label} (see Data)";
    redone_at: "已重做：{office}·{label}（在“数据录入”中可见）",
        "Redone: {office} · {label} (see Data)";
    undone_more: "，连同其余 {n} 处改动（同一步中的全部改动）",
        ", with {n|more change|more changes} (all made in that one step)";
    provisional_title: "暂定结果：",
        "Provisional: ";
    provisional_text: "以下{n}个处室未参与评分，其他处室的名次和按名次计的得分在它们补正后可能变化。点击原因可跳到对应单元格。",
        "{n|office is|offices are} left out of the results (below). The others' places and rank scores may move once these are put right. Click a reason to go to its cell.";
    provisional_text_none: "以下{n}个处室都还不能评分，补正后才有结果。点击原因可跳到对应单元格。",
        "No office can be scored yet: {n|office is|offices are} left out (below) until put right. Click a reason to go to its cell.";
    left_out_blank: "有{n}个单元格尚未填写",
        "{n|cell|cells} not filled in";
    left_out_more: "……另有{n}个处室未参与评分（见“数据录入”中的“问题”列表）。",
        "… and {n|more office|more offices} left out (see the Problems list in Data).";
    ranking_provisional: "暂定排名：{n}个处室未参与评分",
        "Provisional ranking: {n|office|offices} left out";
    reopened_title_stamp: "（已重新打开，未再审定）",
        " (reopened, not approved again)";
    provisional_stamp: "（暂定）",
        " (provisional)";
    cell_blank: "尚未填写",
        "Not filled in yet";
    cell_left_problem: "刚填的 {cell}：{problem}",
        "Just entered, {cell}: {problem}";
    list_hint: "↑↓ 选择，回车确定，Esc 关闭",
        "↑↓ to choose, Enter to pick, Esc to close";
    open_list: "展开选项（Alt+↓）",
        "Show the choices (Alt+↓)";
    word_yes: "是",
        "Yes";
    word_no: "否",
        "No";
    row_of: "第{n}行",
        "row {n}";
    grid_label: "各处室数据",
        "Offices' data";
    blank: "（空）",
        "(blank)";
    empty_grid: "还没有处室。点击“添加处室”，或导入文件。",
        "No offices yet. Add one, or import a file.";
    import: "导入 CSV/XLSX…",
        "Import CSV/XLSX…";
    preview_title: "导入预览：{file}",
        "Import preview: {file}";
    preview_encoding: "编码：{encoding}",
        "Encoding: {encoding}";
    preview_added: "新增处室",
        "Offices added";
    preview_not_in_file: "当前有、文件中没有的处室",
        "Offices here that the file does not have";
    preview_keep_others: "保留这些处室",
        "Keep them";
    preview_remove_others: "移除这些处室",
        "Remove them";
    preview_keep_hint: "（每项为“现有值 → 文件中的值”；勾选“保留原值”的不被文件覆盖。复核时改过并写了理由的值默认保留；改用文件中的值，其理由一并清除）",
        "(each as “the value now → the file's”; values ticked “keep mine” are not overwritten by the file. Values changed in review with a reason given are kept at first; taking the file's drops the reason)";
    preview_take_all: "全部采用文件中的值",
        "Take all the file's values";
    preview_keep_all: "全部保留原值",
        "Keep all mine";
    preview_keep_mine: "保留原值",
        "keep mine";
    preview_change_kept: "{label} 仍为 {old}（文件中为 {new}）",
        "{label} stays {old} (the file has {new})";
    preview_has_reason: "（核定理由：{reason}）",
        " (review reason: {reason})";
    preview_changed: "数据有变化的处室",
        "Offices whose data changes";
    preview_unchanged: "{n}个处室数据不变",
        "{n|office|offices} unchanged";
    preview_errors: "文件中的问题（导入后这些单元格会标红，不参与评分）",
        "Problems in the file (after import these cells are marked and left out of the results)";
    preview_nothing: "文件与当前数据完全相同。",
        "The file holds exactly the current data.";
    confirm_import: "确认导入",
        "Import";
    confirm_import_with_errors: "仍然导入（有{n}个问题）",
        "Import anyway ({n|problem|problems})";
    cancel: "取消",
        "Cancel";
    import_blocked: "文件“{file}”无法导入：",
        "The file “{file}” cannot be imported:";
    import_done: "已导入“{file}”。如需恢复原数据，请点击“撤销”。",
        "Imported “{file}”. Undo to get the previous data back.";
    import_undone: "已撤销导入“{file}”：处室和数据都恢复为导入前的样子。可点击“重做”再次导入。",
        "Import of “{file}” undone: the offices and their data are back as before it. Redo imports it again.";
    export_csv: "导出结果 CSV",
        "Export results (CSV)";
    export_xlsx: "导出结果 XLSX",
        "Export results (XLSX)";
    template_csv: "空白模板 CSV",
        "Empty template (CSV)";
    template_xlsx: "空白模板 XLSX",
        "Empty template (XLSX)";
    exported_partial: "已导出 {file}，但其中没有以下 {n} 个处室（数据有误或尚未填写完整）：{offices}。",
        "Exported {file}, but it leaves out {n|office|offices} (errors, or not filled in yet): {offices}.";
    print_left_out: "未计入排名的处室（数据有误或尚未填写完整）：{offices}",
        "Offices left out of the ranking (errors, or not filled in yet): {offices}";
    paste_clipped: "粘贴的内容比表格宽：最右侧超出的 {n} 个单元格未粘贴。",
        "The pasted block is wider than the grid: {n|cell|cells} beyond its last column not pasted.";
    export_failed: "导出失败：{error}",
        "Export failed: {error}";
    place: "名次",
        "Place";
    total: "总分",
        "Total";
    no_results: "暂无可评分的处室。",
        "No office can be scored yet.";
    results_hint: "点击处室（或用 Tab 选中后按回车）查看各项指标的得分说明；点击指标列的列名按该列排序（名次不变），点击指标名查看所有处室在该指标上的情况。",
        "Click an office (or Tab to it and press Enter) to see how each indicator was scored; click an indicator column's name to sort by it (places stay as they are), an indicator's name to see every office on it.";
    items_template_csv: "登记模板 CSV",
        "Log template CSV";
    items_template_xlsx: "登记模板 XLSX",
        "Log template XLSX";
    items_template_hint: "按本细则的事项类别各给一条示例，日期写法均可识别；XLSX 的“说明”页列出可填的类别",
        "One example item per kind this rubric judges, dates in every form accepted; the XLSX's About sheet lists the kinds";
    print_content: "打印内容",
        "Print";
    print_ranking: "排名和图表",
        "The ranking and chart";
    print_sheets_all: "各处室得分单（每个处室另起一页）",
        "A sheet per office (each starting a page)";
    print_sheet_one: "{office}的得分单",
        "{office}'s sheet";
    orientation: "纸张方向",
        "Orientation";
    landscape: "A4 横向",
        "A4 landscape";
    portrait: "A4 纵向",
        "A4 portrait";
    expand_group: "展开：显示其下各项的分数",
        "Open: show the scores of its parts";
    collapse_group: "收起",
        "Close";
    ranking_sort_hint: "按此列排序：再点一次反向，第三次恢复按名次",
        "Sort by this column: click again to reverse, a third time for places again";
    indicator: "指标",
        "Indicator";
    weight: "权重",
        "Weight";
    value: "数值",
        "Value";
    score: "得分",
        "Score";
    points: "折算分",
        "Points";
    explanation: "说明",
        "Explanation";
    rule: "规则",
        "Rule";
    detail_title: "{office}：总分 {total}，第{place}名/共{n}个",
        "{office}: total {total}, place {place} of {n}";
    indicator_title: "{indicator}（权重{weight}%）",
        "{indicator} (weight {weight}%)";
    close: "关闭",
        "Close";
    chart_title: "总分构成",
        "Totals by top-level group";
    exact_total: "精确值",
        "exactly";
    exact_value: "精确值 {value}（公布值按细则的位数和舍入规则取）",
        "Exactly {value} (published rounded as the rubric says)";
    of_offices: "共{n}个处室",
        "{n|office|offices}";
    inputs_title: "输入项（数据表的列）",
        "Inputs (the data table's columns)";
    indicators_title: "指标",
        "Indicators";
    grades_title: "等次、一票否决与先进",
        "Grades, vetoes and the top share";
    adjustments_title: "加减分",
        "Adjustments";
    kind_count: "整数",
        "whole number";
    kind_amount: "数值",
        "number";
    kind_flag: "是/否",
        "yes/no";
    kind_text: "文字（不计分）",
        "text (not scored)";
    kind_choice: "选项：{choices}",
        "one of: {choices}";
    grade: "等次",
        "Grade";
    not_applicable: "不适用",
        "N/A";
    example_items: "载入示例（6个处室及其事项登记）",
        "Load the worked example (6 offices and their item log)";
    example_items_hint: "将当前考核替换为示例数据，并载入其事项登记（329条，截至2026-12-20）；可撤销。",
        "Replaces the current assessment with the worked example and loads its item log (329 items, to 2026-12-20); undo takes it back.";
    example_items_file: "示例事项登记.csv",
        "example-item-log.csv";
    chosen_log_cell: "按所作选择，计分用事项登记的数 {n}，不用此处填写的数",
        "As chosen, the log's {n} is scored, not the count typed here";
    chosen_typed_cell: "事项登记为 {n}；按所作选择，计分用此处填写的数",
        "The log gives {n}; as chosen, the count typed here is scored";
    counts_differ: "（填写的数与事项登记不同的处室：{offices}，按所选计分）",
        " (offices whose typed counts differ from the log: {offices}; scored as chosen)";
    counts_title: "填写的数与事项登记不一致",
        "Typed counts and the item log disagree";
    counts_intro: "{n}个处室填写的数（提问、答复或超期条数）与事项登记算出的不一致，暂不计分。请选择采用哪一方（逐个处室或全部）：",
        "{n|office's|offices'} typed counts (asked, answered or late) disagree with those the item log gives: left out until you choose which to use, office by office or for all:";
    counts_differ_item: "{label}填写 {typed}，事项登记统计为 {n}",
        "{label}: typed {typed}, the item log counts {n}";
    counts_use_log: "用事项登记的数",
        "Use the log's counts";
    counts_use_typed: "用填写的数",
        "Keep the typed counts";
    counts_all_log: "全部用事项登记的数",
        "The log's counts for all";
    counts_all_typed: "全部用填写的数",
        "The typed counts for all";
    log_conflict_where: "（在“事项登记”或“评分结果”页选择采用哪一方）",
        " (choose which stands under Item log or Results)";
    counts_hint: "“用事项登记的数”：按事项登记统计的数计分，填写的数留在表中不动；“用填写的数”：按填写的数计分，事项登记只作对照。都可随时撤销。",
        "“Use the log's counts” scores the counts the item log gives and leaves the typed ones in the grid; “Keep the typed counts” scores the typed ones and keeps the log for comparison. Either can be taken back at any time.";
    counts_chosen: "已作的选择",
        "Choices made";
    counts_every_office: "全部处室",
        "Every office";
    counts_take_back: "撤销此选择",
        "Undo this choice";
    sources_title: "引用的考核",
        "Assessments drawn on";
    source_line: "{input}来自：",
        "{input} comes from: ";
    source_none: "请选择（按“{rubric}”评分的考核）",
        "Choose one (an assessment scored by “{rubric}”)";
    source_option: "{title}（{year}年，{updated} 修改）",
        "{title} ({year}, changed {updated})";
    source_missing: "没有按“{rubric}”评分的考核：请先新建或打开一个，再在此选择。",
        "No assessment is scored by “{rubric}”: create or open one first, then choose it here.";
    source_live: "（随“{title}”的修改而变化）",
        "(follows any change to “{title}”)";
    source_hint: "空白单元格取所选考核中同名处室的总分；已填写的数值与之不符时，该处室暂不计分并标出。",
        "Blank cells take the total of the office of the same name in the chosen assessment; a typed value that differs leaves the office out, marked.";
    from_source: "来自“{title}”",
        "from “{title}”";
    categories_title: "分类考核",
        "Categories of units";
    sheet_sign: "考核人：＿＿＿＿＿＿　　处室负责人确认：＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
        "Assessor: ____________    Head of office: ____________    Date: ____________";
    pool_cap_column: "{name}（累计上限）",
        "{name} (cap)";
    update_ready: "本页面有新版本，已下载好：当前页面照常使用，重新载入后即为新版本（您的工作会先保存）。",
        "A new version of this page is ready: this page works on as it is; reload to use the new one (your work is saved first).";
    reload_now: "重新载入",
        "Reload";
    out_of_column: "满分",
        "Out of";
    category_heading: "{name}（满分{total}分，{n}个单位，名次在本类中排列）",
        "{name} (out of {total}, {n|unit|units}, placed among themselves)";
    full_marks: "满分{n}",
        "of {n}";
    not_assessed: "不考核",
        "not assessed";
    out_of: "满分{n}分",
        "out of {n}";
    office_in_category: "{office}（{category}）",
        "{office} ({category})";
    veto: "一票否决",
        "Veto";
    rubric_meta: "标识 {id}，版本 {version}；来源：{source}；总分{total}，保留{precision}位小数",
        "id {id}, version {version}; source: {source}; total {total}, {precision} decimals";
    new_assessment: "新建考核",
        "New assessment";
    open: "打开",
        "Open";
    duplicate: "复制",
        "Duplicate";
    delete: "删除",
        "Delete";
    confirm_delete_drawn: "“{title}”引用了它的总分：删除后，“{title}”中这些总分将空缺，其处室暂不计分。",
        "“{title}” draws on its totals: once it is deleted, those totals in “{title}” are blank and its offices not scored.";
    confirm_delete: "确定删除“{title}”？删除后无法恢复。",
        "Delete “{title}”? This cannot be undone.";
    current: "当前",
        "current";
    offices_column: "处室",
        "Offices";
    offices_count: "{n}个处室",
        "{n|office|offices}";
    updated: "更新于",
        "Updated";
    copy_suffix: "（副本）",
        " (copy)";
    default_title: "{year}年度政务公开考核",
        "Disclosure assessment {year}";
    storage_failed: "无法保存到浏览器存储（{error}）。请导出数据，以免丢失。",
        "Cannot save to browser storage ({error}). Export your data so that nothing is lost.";
    storage_full: "浏览器存储已满：最近的修改未能保存到浏览器，之前保存的内容没有丢失。请把考核保存为文件。",
        "Browser storage is full: the latest changes could not be saved in this browser; nothing saved before was lost. Save the assessment as a file.";
    kept_unreadable: "浏览器中保存的部分数据无法读取，已原样保留（{key}），不会被删除或覆盖。可下载备份交给技术人员查看。（{detail}）",
        "Some data saved in this browser could not be read; it is kept as it was ({key}), never deleted or overwritten. Download a backup to have it looked at. ({detail})";
    kept_newer: "本浏览器中有更新版本的本页保存的数据（{key}），本页无法读取，已原样保留，不会改动。",
        "A newer version of this page saved data in this browser ({key}); this page cannot read it and leaves it as it is.";
    kept_missing: "保存的数据中缺少一部分（{key}），对应的考核无法恢复。",
        "Part of the saved data is missing ({key}); that assessment could not be restored.";
    saving_off_unreadable: "浏览器中保存的数据无法读取，且没有空间另存一份。为免覆盖它，本页此次不会保存到浏览器：请下载备份，并用“保存为文件”保存您的工作。（{detail}）",
        "The data saved in this browser could not be read, and there is no room to keep a copy aside. So as not to overwrite it, this page will not save in this browser this time: download a backup, and use “Save as file” to keep your work. ({detail})";
    saving_off_newer: "浏览器中的数据由更新版本的本页保存（格式 {n}）。本页不会改动它，此次的修改不会保存到浏览器：请用“保存为文件”保存您的工作，或改用新版本的页面。",
        "The data in this browser was saved by a newer version of this page (format {n}). This page leaves it alone and will not save your changes in this browser: use “Save as file” to keep your work, or use the newer page.";
    changed_elsewhere: "此页面在另一个标签页中也打开着，两边改了同样的地方，值不同：{clashes}。两边其余的修改都会保留。这几处以哪边为准？",
        "This page is open in another tab too, and both tabs changed the same things differently: {clashes}. All other changes on both sides are kept. Which side's values should these take?";
    use_other_tab: "以另一个标签页为准",
        "The other tab's";
    keep_this_tab: "以这里为准",
        "This tab's";
    clash_cell: "{office}·{input}（这里 {here}，另一个标签页 {there}）",
        "{office} · {input} (here {here}, other tab {there})";
    clash_field: "“{assessment}”的{field}",
        "the {field} of “{assessment}”";
    field_title: "名称",
        "title";
    field_year: "年度",
        "year";
    field_rubric: "评分细则",
        "rubric";
    field_period_end: "考核期截止日",
        "period end";
    field_item_log: "事项登记",
        "item log";
    field_calendars: "工作日历",
        "calendars";
    field_offices: "处室名单（增删、改名或调整顺序）",
        "list of offices (added, removed, renamed or moved)";
    field_deleted: "删除（一边删除，另一边修改了它）",
        "deletion (deleted on one side, changed on the other)";
    followed_other_tab: "另一个标签页中的修改已载入：{edits}",
        "Loaded the changes made in another tab: {edits}";
    followed_other_tab_none: "另一个标签页中的修改已载入。",
        "Loaded the changes made in another tab.";
    merged_other_tab: "另一个标签页刚修改了此页面的数据，已与这里的修改合并，两边的修改都已保留。",
        "Another tab has just changed this page's data; its changes and this tab's are merged, and both are kept.";
    rubric_loaded: "已载入评分细则 {file}，当前考核按它计分。",
        "Loaded the rubric {file}; the current assessment is scored by it.";
    file_saved: "已保存为文件 {file}。",
        "Saved as {file}.";
    file_opened: "已打开考核文件 {file}，作为新的考核加入列表。",
        "Opened {file} as a new assessment in the list.";
    file_refused: "无法打开考核文件：{error}",
        "Cannot open the assessment file: {error}";
    offer_file: "结果已导出。此考核还有修改没有保存为文件，建议同时保存：",
        "Results exported. This assessment has changes no file holds yet; save it too:";
    text_column_hint: "文字说明（如加减分理由、佐证材料链接），随数据保存和导出，不计分。",
        "Text (a reason, a link to evidence), kept and exported with the data, not scored.";
    points_subtotal: "各项指标得分合计",
        "Indicators' points";
    limit_up: "总分不低于 0 分（补足）",
        "Total not below 0 (made up)";
    limit_down: "总分不超过 {total} 分（超出部分不计）",
        "Total not above {total} (the excess not counted)";
    save_file: "保存为文件",
        "Save as file";
    unsaved_hint: "有修改尚未保存为文件：浏览器存储不宜作为唯一的存放处，请保存为文件（可在其他电脑打开，或交审计人员）。",
        "Changes not yet saved to a file: browser storage should not be the only copy. Save a file (it opens on another PC, or goes to an auditor).";
    open_file: "打开考核文件…",
        "Open assessment file…";
    download_backup: "下载备份",
        "Download a backup";
    file_status: "文件",
        "File";
    file_status_saved: "已保存",
        "saved";
    file_status_unsaved: "有未保存的修改",
        "unsaved changes";
    restore_dropped_rubric: "保存的细则“{file}”无法读取，已忽略。",
        "The saved rubric “{file}” could not be read and was left out.";
    tab_items: "事项登记",
        "Item log";
    items_intro: "导入咨询和依申请公开的登记表（处室、类别、编号、收到日期、答复日期、延期至），按工作日历自动统计提问量、答复量和超期条数，并说明每一条是否超期。",
        "Import the register of consultations and requests (office, kind, item, received, answered, extended to): asked, answered and late counts are computed with the working-day calendar, and every item says whether it was late.";
    import_items: "导入事项登记 CSV/XLSX…",
        "Import an item log (CSV/XLSX)…";
    clear_items: "移除事项登记",
        "Remove the item log";
    period_end: "考核期截止日",
        "Period ends on";
    items_read: "已读入 {n} 行事项。",
        "{n|row|rows} of items read. ";
    needs_period_end: "请填写考核期截止日：超期与否按截止日判断。",
        "Set the last day of the period: whether an unanswered item is late depends on it.";
    no_item_log: "尚未导入事项登记。未导入时，答复率按“数据录入”中填写的数字计算。",
        "No item log yet. Without one, answer rates use the counts typed in Data.";
    items_failed: "事项登记有误，未采用；答复率暂按填写的数字计算：",
        "The item log has errors and is not used; answer rates use the typed counts for now:";
    items_problems: "事项登记的其他问题：",
        "Other problems of the item log:";
    items_unknown_offices: "事项登记中有 {n} 个处室不在数据中，它们的事项暂不计入：",
        "{n|office of the item log is|offices of the item log are} not in the data; the items of these are not counted yet:";
    items_unknown_office: "{office}（{n} 条事项）",
        "{office} ({n|item|items})";
    items_unknown_office_like: "{office}（{n} 条事项；是否应为“{like}”？）",
        "{office} ({n|item|items}; did you mean {like}?)";
    items_add_offices: "把这些处室加入数据",
        "Add them to the data";
    items_applied: "事项登记“{file}”：{n}条事项，截至 {end}；来源优先：空白的计数取自登记，已填写的须一致。",
        "Item log “{file}”: {n|item|items}, as of {end}. Blank counts come from the log; typed ones must agree with it.";
    item_status_on_time: "按时",
        "on time";
    items_filter_office: "显示处室：",
        "Offices shown: ";
    items_filter_all: "全部",
        "all";
    items_none_late: "没有超期或未到期的事项。",
        "No item late or still open.";
    items_filter_late: "只看超期和未到期的事项",
        "Only items late or still open";
    item_status_late: "超期",
        "late";
    item_status_open: "未到期",
        "open";
    item_counts: "提问{asked}，答复{answered}，超期{late}，未到期{open}",
        "asked {asked}, answered {answered}, late {late}, open {open}";
    item: "编号",
        "Item";
    status: "状态",
        "Status";
    from_log: "来自事项登记",
        "from the item log";
    calendars_title: "工作日历",
        "Working-day calendar";
    calendars_bundled: "内置国务院节假日安排 2007–2026 年（每年12月29日至31日需次年安排）。其他年份请载入同格式的日历文件。",
        "Bundled: the State Council's holiday notices 2007–2026 (29–31 December need the next year's notice). Load a file in the same format for other years.";
    load_calendar: "载入日历文件…",
        "Load a calendar file…";
    file_unreadable: "文件无法读取：{error}",
        "The file cannot be read: {error}";
    calendar_rejected: "日历文件未载入：{error}",
        "The calendar file was not loaded: {error}";
    xlsx_loading: "正在载入 Excel（XLSX）组件，请稍候（本页打开后第一次读写 Excel 文件时载入，之后不再等待）……",
        "Loading the Excel (XLSX) component, please wait (once, the first time this page reads or writes a workbook)…";
    xlsx_unavailable: "无法载入 Excel（XLSX）组件，暂时不能读写 Excel 文件；CSV 文件照常可用。可能是网络中断，或服务器上缺少 scoring_web_xlsx.js、scoring_web_xlsx_bg.wasm 两个文件：请稍后重试，若仍不行请告知部署人员。（技术信息：{error}）",
        "The Excel (XLSX) component could not be loaded, so workbooks cannot be read or written for now; CSV files still can. The connection may be down, or scoring_web_xlsx.js and scoring_web_xlsx_bg.wasm may be missing on the server: try again later, and if it keeps failing, tell whoever set the page up. (Technical detail: {error})";
    send_forms: "下发填报表",
        "Send entry forms";
    send_forms_hint: "每个处室一份 Excel 填报表（打包为 zip），发给各处室填写后交回",
        "One Excel entry form per office (in one zip), for each office to fill in and return";
    take_forms: "收回填报表…",
        "Take returned forms…";
    take_forms_hint: "选择各处室交回的填报表（可多选），合并前先预览",
        "Choose the forms the offices returned (several at once); the merge is previewed first";
    forms_preview_title: "合并填报表：预览",
        "Merging entry forms: preview";
    forms_accepted: "可以合并：",
        "Can be merged:";
    forms_no_change: "没有改变任何数值",
        "changes no value";
    forms_superseded: "同一处室还有一份修改时间更晚的填报表“{file}”，以后者为准，本表不合并",
        "a form of the same office modified later, \"{file}\", is used instead; this one is not merged";
    forms_fixed_changed: "注意：表中固定内容（表头、填报项等）被改动过，请核对",
        "note: the form's fixed parts (its header, the items) were changed: check it";
    forms_evidence: "佐证材料：",
        "Evidence: ";
    forms_refused: "未合并（原因如下，其中的数值一律不用）：",
        "Refused (nothing from these is used):";
    forms_missing: "尚未交回或未能合并（{n}）：{offices}",
        "Not returned, or not mergeable, yet ({n}): {offices}";
    forms_superseded_title: "不合并（同一处室另有修改时间更晚的填报表，以后者为准）：",
        "Not merged (a form of the same office modified later is used):";
    forms_accept_flagged: "已核对上面标注的提示，按此合并",
        "I have checked the notes above: merge as shown";
    forms_confirm: "合并（可撤销）",
        "Merge (can be undone)";
    self_assessed_none: "按处室自己填报的数值算不出总分（例如与事项登记不一致）；下面是自评与核定不同之处。",
        "The office's own values give no total (they disagree with the item log, say); below, where the reviewed values differ from them.";
    self_assessed_total: "自评总分 {self}（按处室自己填报的数值计算，其他处室按核定值）；核定总分 {reviewed}",
        "Self-assessed total {self} (the office's own submitted values, every other office as reviewed); reviewed total {reviewed}";
    review_same: "核定值与处室自评一致。",
        "The reviewed values are the office's own.";
    indicator_input: "填报项",
        "Input";
    submitted: "自评",
        "Submitted";
    reviewed: "核定",
        "Reviewed";
    review_reason: "核定理由",
        "Reason";
    give_reason: "去填写理由",
        "Give the reason";
    typed_short: "填{typed}",
        "typed {typed}";
    review_reason_needed: "核定值与自评不同：请填写理由",
        "Differs from what was submitted: give the reason";
    review_reason_for: "{input}的核定理由",
        "Reason for the reviewed {input}";
    source_log_chosen: "{input} {n} 取自事项登记（填写的 {typed} 按所作选择未用）",
        "{input} {n} from the item log (the {typed} typed not used, as chosen)";
    source_typed_chosen: "{input} 用填写的 {typed}（事项登记为 {n}，按所作选择未用）",
        "{input}: the {typed} typed (the item log's {n} not used, as chosen)";
    note_log_chosen: "填写为 {typed}；按所作选择，计分用事项登记统计的 {n}",
        "Typed as {typed}; as chosen, the item log's {n} is scored";
    source_log_agrees: "{input} {n}：填写的数与事项登记一致",
        "{input} {n}: typed, and as the item log counts";
    source_log_filled: "{input} {n} 取自事项登记（未填写）",
        "{input} {n} from the item log (nothing typed)";
    source_linked: "{input} {n} 取自关联考核的总分",
        "{input} {n}: the linked assessment's total";
    review_from_log: "（事项登记的数）",
        " (the item log's count)";
    review_from_source: "（关联考核的总分）",
        " (the linked assessment's total)";
    review_missing: "有 {n} 处核定值与处室自评不同，尚未填写理由（点击处室，在明细中填写）：",
        "{n|reviewed value differs|reviewed values differ} from what the offices submitted and have no reason yet (click an office, give it in its detail):";
    approve: "审定",
        "Approve";
    approve_hint: "审定后考核锁定，不能再修改（如需修改须说明理由重新打开）；数据与结果生成指纹，打印时注明",
        "Approved, the assessment is locked (reopening takes a reason); its data and results get a fingerprint, printed on every page";
    approve_forms_missing: "\n\n注意：有 {n} 个处室的填报表尚未交回（{offices}），其数据未经处室核对。",
        "\n\nNote: {n|office has|offices have} not returned their entry forms ({offices}); their data has not been checked by them.";
    approve_confirm: "审定本次考核？审定后不能再修改数据，除非说明理由重新打开。",
        "Approve this assessment? Its data can then not be changed unless it is reopened with a reason.";
    approve_log_problems: "\n\n注意：事项登记中还有 {n} 个问题（见“事项登记”），涉及的事项未计入得分。",
        "\n\nNote: the item log still has {n|problem|problems} (see Item log); the items concerned are not in the scores.";
    approved_banner: "已审定（{when}）。数据与结果指纹：{fingerprint}…。如需修改，请说明理由重新打开。",
        "Approved ({when}). Fingerprint of the data and results: {fingerprint}…. To change anything, reopen it with a reason.";
    approved_fingerprint_full: "完整指纹（导出的结果中也有）：{fingerprint}",
        "The whole fingerprint (also in every export): {fingerprint}";
    approved_stamp: "已审定（{when}），数据与结果指纹 {fingerprint}",
        "Approved ({when}); fingerprint of the data and results {fingerprint}";
    reopen: "重新打开…",
        "Reopen…";
    title_number: "（{n}）",
        " ({n})";
    approved_badge: "已审定",
        "approved";
    switch_rubric_confirm: "改用评分细则“{title}”？所有处室的得分和名次将按它重新计算（可撤销）。",
        "Use the rubric “{title}”? Every office's scores and places will be worked out again by it (this can be undone).";
    switch_rubric_inputs: "它有 {n} 个填报项，与现在相同的只有 {same} 个：其余的列将是空的，需要重新填写（现有数据不会删除，改回原细则即可看到）。",
        " It has {n|input|inputs}, of which only {same} are the same as now: the other columns will be blank and need filling in (the data there now is not deleted; going back to the rubric in use shows it).";
    switch_rubric_forms: "已下发的填报表是按现在的细则制作的，改用后收回的填报表将不能合并。",
        " The entry forms already sent out were made for the rubric in use now: once changed, returned forms cannot be merged.";
    reopen_reason_required: "理由不能为空。请说明重新打开的理由（将记录在考核文件中）：",
        "A reason is needed. Why is it reopened (kept in the assessment file)?";
    reopen_prompt: "重新打开已审定的考核，请说明理由（将记录在考核文件中）：",
        "Reopening an approved assessment: give the reason (kept in the assessment file):";
    ask_reason_hint: "Ctrl+Enter 确定",
        "Ctrl+Enter to confirm";
    reopen_ok: "重新打开",
        "Reopen";
    switch_rubric_ok: "改用此细则",
        "Use this rubric";
    remove_office_ok: "删除",
        "Remove";
    reopened_notice: "已重新打开，可以修改；理由已记入变更记录。修改完成后请重新审定。",
        "Reopened: it can be changed; the reason is in the trail. Approve it again when done.";
    reopened_stamp: "未审定：曾审定，于 {when} 重新打开（理由：{reason}）",
        "Not approved: approved before, reopened {when} (reason: {reason})";
    locked: "本次考核已审定，不能修改。如需修改，请点击“重新打开…”并说明理由。",
        "This assessment is approved and cannot be changed. To change it, click “Reopen…” and give a reason.";
    cannot_approve: "还不能审定：{why}。",
        "Cannot approve yet: {why}.";
    cannot_approve_left_out: "有 {n} 个处室因数据有误或未填完而未计入结果（{offices}，见“问题”）",
        "offices left out of the results for wrong or missing data: {n} ({offices}; see Problems)";
    cannot_approve_unexplained: "{n} 处核定值与自评不同而未写理由（{offices}，在评分结果中点开处室填写）",
        "reviewed values that differ from what was submitted, with no reason: {n} ({offices}; open the office in Results to give them)";
    trail_title: "变更记录：{title}（{n} 条）",
        "Trail of changes: {title} ({n})";
    trail_empty: "还没有任何改动。",
        "No change yet.";
    trail_export: "导出变更记录 CSV",
        "Export the trail (CSV)";
    trail_when: "时间",
        "When";
    trail_source: "来源",
        "Source";
    trail_old: "原值",
        "Old";
    trail_new: "新值",
        "New";
    trail_evidence: "佐证材料",
        "evidence";
    trail_by_assessor: "考核人录入",
        "typed by the assessor";
    trail_fingerprint: "指纹 {f}",
        "fingerprint {f}";
    trail_reason: "理由：{reason}",
        "reason: {reason}";
    trail_note: "此处不列出各处室自评值的记录和合并的表单文件名，导出的 CSV 中都有；CSV 中的时间按本机时区，列标题注明时区（如 UTC+8）。",
        "Not listed here: each office's submitted values and the form files merged (the CSV has them). Times in the CSV are in this computer's time zone, named in its header (e.g. UTC+8).";
    trail_by_example: "示例",
        "the example";
    trail_by_form: "填报表 {file}",
        "form {file}";
    trail_by_import: "导入 {file}",
        "import {file}";
    trail_more: "另有更早的 {n} 条，见导出的 CSV。",
        "{n|earlier one is|earlier ones are} in the exported CSV.";
    evidence_title: "处室填报的佐证材料",
        "Evidence the office gave";
    evidence_form: "合并的填报表：{form}",
        "Form merged: {form}";
    export_feedback: "反馈表（zip）",
        "Feedback (zip)";
    export_feedback_hint: "每个处室一份考核结果反馈表（打包为 zip）：各指标的数值、名次、得分、复核意见，以及供处室填写的整改措施一栏",
        "One feedback workbook per office (in one zip): each indicator's value, place, score and the reviewer's note, with a column for the office's rectification";
    rectify: "整改措施（处室填写）",
        "Rectification (by the office)";
    not_approved_stamp: "尚未审定：结果在审定前可能还会变动",
        "Not yet approved: the results may still change";
    fill_resumed: "“{file}”就是正在填写的填报表：已保留您尚未保存的填写内容。如要从发来的原表重新填写，请先“关闭填报表”再打开。",
        "“{file}” is the form being filled in: what you typed and have not saved is kept. To start again from the form as sent, close the form first, then open it.";
    workbook_not_assessment: "“{file}”是 Excel 文件，不是考核文件（.json）。处室填写填报表请用“处室：填写本处室的填报表…”；导入各处室数据请用“导入”；合并交回的填报表请用“收回填报表…”。",
        "“{file}” is an Excel workbook, not an assessment file (.json). Offices fill in their form with “Offices: fill in your entry form…”; data is imported with “Import”; returned forms are merged with “Take returned forms…”.";
    item_log_not_data: "“{file}”是事项登记（每行一条申请或咨询及其日期），不是各处室的数据表，未导入。",
        "“{file}” is an item log (one request or consultation per row, with its dates), not the offices' data: not imported.";
    import_as_item_log: "作为事项登记导入",
        "Import it as the item log";
    form_not_data: "“{file}”是填报表，不是数据表。处室填写请用“处室：填写本处室的填报表…”；考核单位合并交回的填报表请用“收回填报表…”。",
        "“{file}” is an entry form, not a data file. Offices fill it in with “Offices: fill in your entry form…”; the assessor merges returned forms with “Take returned forms…”.";
    fill_wrong: "有误：{inputs}",
        "wrong: {inputs}";
    cell_reviewed: "核定值与处室填报的 {submitted} 不同（理由见该处室的得分明细）",
        "The reviewed value differs from the {submitted} the office submitted (the reason is in the office's detail)";
    cell_evidence: "佐证材料：{evidence}",
        "Evidence: {evidence}";
    already_open: "“{file}”中的考核，列表里已经有了（“{title}”）。{both}要用文件中的内容替换列表中的这份，还是另开一份副本？",
        "The assessment in “{file}” is in the list already (“{title}”). {both} Replace the one in the list with the file, or open the file as a copy beside it?";
    already_open_unsaved: "“{file}”中的考核，列表里已经有了（“{title}”），而且列表中的这份在上次保存为文件后还有改动：替换会丢掉这些改动。{both}要替换，还是另开一份副本？",
        "The assessment in “{file}” is in the list already (“{title}”), and the one in the list has changes since it was last saved as a file: replacing it loses them. {both} Replace it, or open the file as a copy?";
    already_open_both: "列表中的那份有{n}个处室，最后修改于{when}；文件中的那份有{file_n}个处室，最后修改于{file_when}。",
        "The one in the list has {n|office|offices}, last changed {when}; the file's has {file_n|office|offices}, last changed {file_when}.";
    file_replaced: "已用文件“{file}”替换列表中的“{title}”。",
        "“{title}” in the list was replaced by the file “{file}”.";
    open_replace: "用文件替换",
        "Replace with the file";
    open_copy: "另开一份副本",
        "Open as a copy";
    fill_fixed_changed: "“{file}”中固定的内容（表头、填报项等）被改动过，不能在本页填写。请使用考核单位发来的原表。",
        "The fixed parts of “{file}” (its header, the items) were changed, so it cannot be filled in here. Use the form as the assessor sent it.";
    fill_open: "处室：填写本处室的填报表…",
        "Offices: fill in your entry form…";
    fill_open_hint: "打开考核人发来的本处室填报表（.xlsx），在本页填写，算出能算的得分，再保存为文件交回",
        "Open the entry form (.xlsx) the assessor sent your office, fill it in here, see what can be scored, and save it as a file to return";
    fill_title: "{office} — {title}（{year}年度）填报表",
        "{office} — {title} ({year}) entry form";
    fill_title_no_year: "{office} — {title} 填报表",
        "{office} — {title} entry form";
    grid_marks_legend: "◤ 核定值与处室填报的不同（理由在“评分结果”中该处室的明细里填写）　● 处室附有佐证材料（鼠标移到单元格上可看）",
        "◤ the reviewed value differs from what the office submitted (give the reason in the office's detail under Results)   ● the office gave evidence (hover over the cell)";
    fill_meta: "评分细则：{rubric}（版本 {version}）· 指纹 {fingerprint} · 文件：{file}",
        "Rubric: {rubric} (version {version}) · fingerprint {fingerprint} · file: {file}";
    fill_how: "逐项填写“填报值”，必要时附佐证材料（说明或链接）。填好后点“保存填报表”，把保存的文件交回考核人。填写的内容随时保存在本机浏览器中；本页不会把任何内容发送出去。",
        "Fill in each value, with evidence where needed (a note or a link). Then press “Save the form” and return the saved file to the assessor. What you type is kept in this browser as you go; this page sends nothing anywhere.";
    fill_save: "保存填报表",
        "Save the form";
    fill_close: "关闭填报表",
        "Close the form";
    fill_close_unsaved: "填写的内容还没有保存为文件。关闭后，本页不再保留这些内容。确定关闭吗？",
        "What you typed has not been saved as a file. Once closed, this page keeps none of it. Close anyway?";
    fill_item: "填报项",
        "Item";
    fill_value: "填报值",
        "Value";
    fill_evidence: "佐证材料（说明或链接）",
        "Evidence (a note or a link)";
    fill_blank_choice: "（未填）",
        "(not filled in)";
    fill_errors: "有 {n} 个值有误，请先改正再保存：",
        "{n|value is|values are} wrong; correct them before saving:";
    fill_result_title: "本处室能算出的得分",
        "What your office's values score";
    fill_result_intro: "只根据本处室自己的数值算出；需要与其他处室比较的指标（名次、与最高者之比）要等全部处室的数值到齐、考核人复核后才有结果，总分和名次也是如此。",
        "From your office's own values only. Indicators that compare offices (a place, a share of the best) are known only once every office's values are in and the assessor has reviewed them; so are the total and the place.";
    fill_indicator: "指标",
        "Indicator";
    fill_weight: "权重",
        "Weight";
    fill_points: "得分",
        "Points";
    fill_why: "说明",
        "How";
    fill_depends: "取决于其他处室",
        "depends on the other offices";
    fill_elsewhere: "由考核人从其他考核中填入",
        "filled in by the assessor from another assessment";
    fill_incomplete: "待填：{inputs}",
        "still to fill in: {inputs}";
    fill_scored_sum: "可先算出的 {n} 项（共 {of} 项）合计 {points} 分（尚未复核）；其余各项取决于其他处室或尚待填写，总分和名次要等考核单位汇总复核后才有。",
        "The {n|indicator|indicators} that can be scored now (of {of}) add {points} points (not yet reviewed); the rest depend on the other offices or are still to be filled in, and the total and place come once the assessor has every office's values.";
    fill_not_alone: "本评分细则不能只凭本处室的数值计分：{error}",
        "This rubric cannot score your office's values alone: {error}";
    fill_refused: "不能打开这份填报表：{error}",
        "This form cannot be opened: {error}";
    fill_not_a_form: "{file} 不是填报表。请打开考核人发来的本处室填报表（.xlsx 文件）。",
        "{file} is not an entry form. Open the entry form (.xlsx) the assessor sent your office.";
    fill_unknown_rubric: "{file} 所用的评分细则“{title}”（版本 {version}，指纹 {fingerprint}）不在本页中。请向考核人索取该细则文件，在“评分细则”中载入后再打开填报表。",
        "{file} was made under the rubric “{title}” (version {version}, fingerprint {fingerprint}), which this page does not have. Ask the assessor for the rubric file, load it under “Rubric”, then open the form again.";
    fill_saved: "已保存为“{file}”（在浏览器的下载文件夹中，文件名带“已填”，以免与发来的原表混淆）：请把这个文件交回考核人。",
        "Saved as “{file}” (in the browser's downloads folder, marked “已填”, filled in, so that it is not taken for the form as sent): return this file to the assessor.";
    forms_sent: "已生成 {n} 份填报表（一个 zip 文件，已下载）：请发给各处室，填好后交回，再用“收回填报表…”合并。",
        "{n|entry form|entry forms} made (one zip file, downloaded): send them to the offices, and merge the returned ones with “Take returned forms…”.";
    forms_kept: "处室未改动（表中为 {sent}），保留您改过的 {now}",
        "left as sent by the office ({sent}); your {now} is kept";
    forms_keep_mine: "保留我的值",
        "keep mine";
    forms_change_kept: "{label} 仍为 {old}（处室填报 {new}，记为自评值）",
        "{label} stays {old} (the office gave {new}, kept as its own figure)";
    forms_log_differs: "（事项登记为 {n}，合并后需选择采用哪一方）",
        " (the item log has {n}: which stands is to be chosen after the merge)";
    forms_log_chosen: "（按已作的选择，计分用事项登记的 {n}）",
        " (as chosen, the item log's {n} is scored)";
    forms_keep_mine_hint: "勾选后，核定值仍为您的值，处室填报的值记为自评值；两者不同，审定前需写核定理由",
        "Ticked, the reviewed value stays yours and the office's is kept as what it submitted; they then differ, and want a reason before approval";
    forms_conflict: "下发后您已改为 {now}，处室填报 {new}（下发时为 {sent}）：确认后采用处室的值",
        "you changed it to {now} since the form was sent; the office gives {new} (sent as {sent}): confirmed, the office's value is used";
    forms_modified: "（文件修改于 {when}）",
        " (file modified {when})";
    typed_not_scored: "{office} · {label}：填写的 {typed} 不计分，按为该处室所作的选择，计分用事项登记的数 {n}。如要用填写的数，请点“用填写的数”。",
        "{office} · {label}: the {typed} typed is not scored; as chosen for this office, the item log's {n} is. To score the typed counts, click “Keep the typed counts”.";
    typed_not_scored_all: "{office} · {label}：填写的 {typed} 不计分，按“全部用事项登记的数”，计分用事项登记的数 {n}。如要为该处室用填写的数，请点“用填写的数”。",
        "{office} · {label}: the {typed} typed is not scored; as the log's counts were chosen for all, the item log's {n} is. To score this office's typed counts, click “Keep the typed counts”.";
    forms_merged: "已合并 {forms} 份填报表，改变 {cells} 个单元格。如需恢复，请点击“撤销”。",
        "{forms} forms merged, {cells} cells changed. Undo takes the merge back.";
    forms_merged_reasons: "有 {n} 处核定值与处室填报的不同，审定前需填写理由（评分结果 → 点处室，在明细中填写）。",
        " {n|reviewed value differs|reviewed values differ} from what the offices submitted and need a reason before approval (Results → click the office, give it in its detail).";
    tab_compare: "细则对比",
        "Compare rubrics";
    compare_intro: "选择或载入两个评分细则，查看变更的内容，以及它对当前考核中各处室得分和名次的影响。",
        "Pick or load two rubrics to see what changed, and whose score and place it moves in the assessment open now.";
    compare_old: "原细则",
        "Old rubric";
    compare_new: "新细则",
        "New rubric";
    compare_pick: "请选择两个评分细则。",
        "Pick two rubrics.";
    compare_same: "两个评分细则含义相同（指纹一致），没有任何变更。",
        "The two rubrics mean the same (equal fingerprints): no change.";
    compare_unrelated: "两个评分细则的指标大多不同（原细则{old}个指标、新细则{new}个，相同的只有{same}个）：它们不像同一细则的两个版本，下面列出的差异会很多。",
        "The two rubrics share few indicators ({same} of the old one's {old} and the new one's {new}): they do not look like two versions of one rubric, and the differences listed below are many.";
    compare_changes: "可能影响得分的变更（{n}处）",
        "Changes that can move a figure ({n})";
    compare_wording: "文字变更（{n}处）：名称、说明、单位、版本等，不影响任何得分、名次和等次",
        "Wording ({n}): names, help texts, units, the version…, which move no score, place or grade";
    compare_wording_only: "没有影响得分的变更，只有文字变更（见下）。",
        "No change can move a figure: only wording (below).";
    compare_impact: "对当前考核“{title}”中各处室的影响",
        "Impact on the offices of “{title}”";
    compare_print: "打印对比",
        "Print the comparison";
    compare_printed: "打印于 {date}；数据：当前考核“{title}”（{n} 个处室）；原细则指纹 {old}；新细则指纹 {new}",
        "Printed {date}; data: the assessment “{title}” ({n} offices); old rubric's fingerprint {old}; new rubric's fingerprint {new}";
    compare_same_version: "两个评分细则的标识和版本相同，内容却不同（指纹不同）：这是一次没有改版本号的修改。",
        "The two rubrics have the same id and version but different meanings (fingerprints): an edit that kept the version.";
    compare_column_names: "有列名的变更：本页已录入的数据按输入项保存，不受影响；但数据文件按列名读取，按原细则填好的文件在新细则下某列可能对应另一个输入项（例如两个列名互换），导入时得分随之变化。",
        "Column names changed: the data entered here is kept by input and is not affected, but data files are read by their column names, so a file filled in for the old rubric may have a column read as another input under the new one (two names swapped, say), and scores move when it is imported.";
    compare_moved_by_others: "本处室的得分不变，名次因其他处室的总分变化而变。",
        "Its own scores do not change; its place moves with other offices' totals.";
    compare_no_change: "本处室的各项得分、总分和名次均无变化。",
        "None of its scores, its total or its place changes.";
    compare_not_in_rubric: "（此细则中没有该指标）",
        "(not in this rubric)";
    compare_print_title: "{title}：评分细则对比",
        "{title}: rubrics compared";
    compare_all_reasons: "各处室变化的原因",
        "Why each office moved";
    compare_unchanged: "此次变更不改变任何处室的任何得分、总分和名次。",
        "This change leaves every office's scores, total and place the same.";
    compare_totals_unchanged: "各处室的总分和名次不变，但部分指标的分值有变化（点击处室查看）。",
        "Every office's total and place stay the same, but some indicators' points move (click an office to see).";
    compare_left_out: "{n} 个处室未列入对比（在至少一个细则下数据有误或尚未填写完整），下表的名次只在其余处室中排列：",
        "Offices not compared: {n} (errors, or not filled in yet, under at least one rubric); the places below are among the others only.";
    rubric_view_pick: "查看细则：",
        "Rubric shown: ";
    rubric_in_use_mark: "（本考核所用）",
        " (this assessment's)";
    rubric_not_in_use: "只是查看：本考核仍使用原来的细则（在“数据录入”中更换）。",
        "Shown to read only: the assessment keeps its own rubric (change it under Data).";
    compare_no_offices: "当前考核还没有处室数据：录入或导入后，这里显示变更对各处室得分和名次的影响。",
        "The assessment open now has no offices yet: once they are typed or imported, the change's effect on their scores and places shows here.";
    compare_summary: "{n} 个处室中，名次上升 {up} 个、下降 {down} 个、不变 {same} 个",
        "Of {n|office|offices}: {up} move up, {down} down, {same} keep their place";
    compare_summary_largest: "；总分变化最大的是{office}（{delta}）。",
        "; the largest change of a total: {office} ({delta}).";
    compare_deadline_typed: "答复期限有变更：它只通过事项登记判断的超期条数影响得分。本考核没有事项登记，手工填写的超期条数是按原期限统计的，不会随之变化；要看它的影响，请按新期限重新统计，或载入事项登记。",
        "The reply deadline changed: it moves scores only through late counts judged from an item log. This assessment has none, so the late counts typed in were counted against the old deadline and stay as they are; to see its impact, recount them against the new deadline, or load an item log.";
    compare_deadline_log: "答复期限有变更：超期条数按事项登记以新期限重新判断；手工填写的数值与登记不一致的处室会被排除（见下）。",
        "The reply deadline changed: late counts are judged again from the item log against the new deadline; an office whose typed count the log contradicts is left out (below).";
    compare_no_data: "没有一个处室能在两个细则下都评分（原因见上），因此无法比较得分和名次。",
        "No office scores under both rubrics (see why above), so no score or place can be compared.";
    compare_left_out_all: "{n} 个处室都未列入对比（在至少一个细则下数据有误或尚未填写完整）：",
        "Offices not compared: {n}, all of them (errors, or not filled in yet, under at least one rubric):";
    old_total: "原总分",
        "Old total";
    old_points: "原折算分",
        "Old points";
    new_points: "新折算分",
        "New points";
    old_place: "原名次",
        "Old place";
    new_total: "新总分",
        "New total";
    new_place: "新名次",
        "New place";
    change: "变化",
        "Change";
    compare_reasons: "{office}：变化的原因（影响大的在前）",
        "{office}: why it moved (largest first)";
    compare_reasons_hint: "点击处室查看各项指标的变化。",
        "Click an office to see each indicator's change.";
    compare_rounding_only: "各指标得分不变：总分的变化仅来自舍入（保留小数位数或舍入方式的变更）。",
        "No indicator's points change: the total changes by rounding alone (the decimal places or the rounding rule).";
    under_old: "原细则下",
        "old rubric";
    under_new: "新细则下",
        "new rubric";
    rubric_stamp: "评分细则：{title}（{id}，版本 {version}，指纹 {fingerprint}）",
        "Rubric: {title} ({id}, version {version}, fingerprint {fingerprint})";
    printed_on: "打印日期：{date}",
        "Printed {date}";
}

/// The strings for `lang`.
pub fn tr(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Fills `{name}` placeholders in a template.
///
/// English counts agree with their noun: `{n|office|offices}` is
/// `1 office` or `3 offices` (the number, then the word).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
        let open = format!("{{{name}|");
        while let Some(start) = out.find(&open) {
            let Some(len) = out[start..].find('}') else {
                break;
            };
            let inner = &out[start + open.len()..start + len];
            let (one, many) = inner.split_once('|').unwrap_or((inner, inner));
            let word = if value.trim() == "1" { one } else { many };
            let said = format!("{value} {word}");
            out.replace_range(start..=start + len, &said);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill() {
        assert_eq!(fill(ZH.new_office, &[("n", "3")]), "新处室3");
        assert_eq!(
            fill(
                EN.detail_title,
                &[("office", "A"), ("total", "9"), ("place", "1"), ("n", "2")]
            ),
            "A: total 9, place 1 of 2"
        );
        assert_eq!(
            fill("{n|office|offices} left", &[("n", "1")]),
            "1 office left"
        );
        assert_eq!(
            fill("{n|office|offices} left", &[("n", "12")]),
            "12 offices left"
        );
        assert_eq!(
            fill("{n|value is|values are} wrong", &[("n", "1")]),
            "1 value is wrong"
        );
    }

    #[test]
    fn both_languages_have_the_same_placeholders_and_no_blanks() {
        fn placeholders(s: &str) -> Vec<&str> {
            let mut out: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| {
                    p.split_once('}')
                        .map(|(name, _)| name.split('|').next().unwrap_or(name))
                })
                .collect();
            out.sort();
            out
        }
        for ((name, zh), (_, en)) in ZH.fields().into_iter().zip(EN.fields()) {
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{name}");
            assert_eq!(placeholders(zh), placeholders(en), "{name}");
        }
    }
}
