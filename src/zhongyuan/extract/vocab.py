"""The words the extractor knows: units, measure words, places, hedges, verbs of change.

Kept in one place so a new report's vocabulary is added here, not in the rules. Every list
is about the genre (Chinese local-government reports), not about one text.
"""
from __future__ import annotations

# Multipliers printed before a unit (5000万元, 2.1万人, 56.7亿): part of the unit as printed.
PREFIXES = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3}

# Base units by what they measure. (English name, dimension, base unit, factor to the base.)
MONEY = {"元": "yuan", "美元": "US dollars", "港元": "HK dollars", "欧元": "euros"}
AREA = {"平方米": "square metres", "平方公里": "square kilometres", "平方千米": "square kilometres",
        "公顷": "hectares", "亩": "mu"}
PHYSICAL = {"吨": "tonnes", "千瓦时": "kilowatt-hours", "千瓦": "kilowatts", "公里": "kilometres",
            "千米": "kilometres", "米": "metres", "立方米": "cubic metres", "标准箱": "TEU"}
RATIO = {"%": "percent", "‰": "per mille", "倍": "times", "成": "tenths"}
POINTS = {"个百分点": "percentage points", "百分点": "percentage points"}
DURATION = {"个月": "months", "年": "years", "天": "days", "个工作日": "working days",
            "工作日": "working days", "小时": "hours", "周": "weeks"}
# Measure words of counts. 批 and 届 are left out: 一批 is "a number of", N届 an ordinal.
COUNT = {"人次": "person-times", "户次": "household-times", "家次": "entity-times",
         "场次": "sessions", "批次": "batches", "个": "items", "项": "items", "名": "people",
         "人": "people", "家": "entities", "场": "events", "所": "institutions", "条": "items",
         "处": "sites", "张": "items", "部": "items", "件": "items", "户": "households",
         "套": "sets", "间": "rooms", "辆": "vehicles", "台": "machines", "座": "structures",
         "栋": "buildings", "字": "characters", "次": "times", "位": "people", "地": "places",
         "宗": "cases", "篇": "pieces", "份": "copies", "只": "animals", "头": "head",
         "株": "plants", "棵": "trees", "床": "beds", "岁": "years of age", "类": "kinds",
         "种": "kinds", "支": "teams"}

BASE_UNITS = {**{u: ("money", n) for u, n in MONEY.items()},
              **{u: ("area", n) for u, n in AREA.items()},
              **{u: ("physical", n) for u, n in PHYSICAL.items()},
              **{u: ("ratio", n) for u, n in RATIO.items()},
              **{u: ("ratio_difference", n) for u, n in POINTS.items()},
              **{u: ("duration", n) for u, n in DURATION.items()},
              **{u: ("count", n) for u, n in COUNT.items()}}

# Units a Chinese numeral may stand before and still be a figure (三项, 两个月, 百余家):
# counts and durations. Other Chinese numerals are words or names (一城两基地, 国棉三厂).
# 次 is left out: 三次会议 is the third session, 三次产业 the three sectors.
CHINESE_MEASURE = ("个月", "个工作日", "个", "项", "名", "人次", "人", "家", "场次", "场", "所",
                   "条", "处", "张", "部", "件", "户", "套", "座", "位", "年", "天", "地",
                   "宗", "万人", "万元", "亿元", "倍", "成")

# Places a report names when it compares or ranks: the own area (全区) or a wider one (全市).
AREAS = ("全国", "全省", "全市", "全州", "全盟", "全区", "全县", "全旗", "全镇", "全乡",
         "本市", "本省", "本区", "本县", "我市", "我省", "我区", "我县", "同类地区", "区县",
         "县市区", "县区", "市区")

# Words that make the figure after them a ranking when it is 第N.
RANK_CONTEXT = ("排名", "排位", "位居", "位列", "名列", "排在", "居", "排", "列") + AREAS

# Hedges: before the number, after the number (before the unit), after the unit.
BEFORE = {"近": "nearly", "将近": "nearly", "接近": "nearly", "约": "about", "大约": "about",
          "超": "over", "超过": "over", "逾": "over", "突破": "over", "不到": "at_most",
          "不足": "at_most", "不超过": "at_most"}
INSIDE = {"余": "over", "多": "over"}
AFTER = {"左右": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most"}

# A decline: the figure after these words is negative (同比下降12% -> -12, 低于全市3个百分点 -> -3).
# 降为 / 降至 / 下降到 are not here: what follows them is a level, not a change.
DECLINE = ("下降", "下滑", "回落", "降低", "减少", "缩减", "减", "降", "负增长", "低于", "少")
# Words of growth: a percentage after them is a growth rate, not a share.
GROWTH = ("增长", "增速", "增幅", "涨幅", "下降", "降幅", "下滑", "回落", "提高", "提升", "上涨", "上升",
          "增加", "减少", "同比", "环比", "比上年", "较上年", "比去年", "较去年", "负增长", "增")
# Words after which a percentage is a share or a completion rate.
RATE = ("率", "占比", "比重", "占", "的")

# Status: 预计 marks an estimate; these mark a target (for the future).
ESTIMATE = ("预计", "预估", "有望")
# A plan's words of the future count too (我们将, 建成后将): a figure for the future is a
# target; 计划 alone is not (计划投资总额 is what signed projects plan, an actual).
TARGET = ("力争", "确保", "预期目标", "目标是", "目标为", "主要目标", "计划完成", "计划实现",
          "计划达到", "明年", "今后", "我们将", "将着力", "将重点", "将全力", "届时将", "建成后将",
          "投产后将", "达产后将")
# A target reported as reached: the figures of its sentence are actuals about a target.
REACHED = ("实现了", "完成了", "超额完成", "提前", "如期完成", "顺利完成", "圆满完成", "已完成", "已实现",
           "达到了", "胜利完成")

# What is stripped from the words before a number to leave its subject (固定资产投资).
LEAD_WORDS = ("其中", "预计全年", "预计", "全年", "累计", "共计", "共", "在", "由", "已", "均",
              "同时", "另外", "此外", "完成", "实现", "全县上下", "全区上下") + AREAS
TRAIL_WORDS = ("同比增长", "同比下降", "比上年增长", "比上年下降", "较上年增长", "增长", "下降",
               "同比", "分别达到", "分别为", "分别", "达到", "达", "完成", "实现", "累计", "共计",
               "共", "为", "是", "了", "约", "近", "超过", "超", "突破", "逾", "总计", "合计",
               "高于", "低于", "快于", "慢于", "领先", "的", "新增", "增加", "减少", "保持", "继续",
               "综合排名", "排名", "排在", "位居", "居", "上升到", "下降到", "由", "预计", "有望",
               "预估") + tuple(
                   a for a in AREAS if a.startswith("全"))  # 全市 is a place; 县市区 is the subject

# Periods. A period printed after these words is the base of a comparison (比上年, 较2022年同期,
# 与去年同期相比, 高于上半年), not the period of the figure.
BASE_BEFORE = ("比", "较", "与", "同", "对比", "相对", "高于", "低于", "快于", "慢于", "超过")
# A period written straight before one of these opens its clause without a comma
# (1-8月完成投资, 上半年规上工业增加值增长): verbs, and the heads of the genre's indicators.
PERIOD_VERBS = ("完成", "实现", "累计", "共计", "共", "新增", "新签", "签约", "引进", "开工", "竣工",
                "接待", "到位", "发放", "达到", "同比", "增长", "下降")
INDICATOR_HEADS = ("地区生产总值", "生产总值", "GDP", "规上", "规模以上", "固定资产投资", "社会消费品",
                   "一般公共预算", "地方财政", "财政", "税收", "工业", "农业", "外贸", "进出口", "出口",
                   "进口", "居民", "城镇", "农村", "金融", "存款", "贷款", "实际利用", "利用外资",
                   "全社会", "限上", "限额以上", "商品房", "房地产", "旅游", "招商引资")
# A paragraph opening with these goes on with the one before it (its period still holds).
CONTINUATION = ("其中", "同时", "此外", "另外", "具体来看", "具体看", "具体而言")
# Stocks: a figure after these is counted at a date (a balance at the end of a month), not
# summed over months.
STOCK_WORDS = ("余额", "存量", "保有量", "总数", "在册", "实有", "现有", "拥有", "户籍人口", "常住人口",
               "总人口")

# Thresholds. An amount with 以上/以下 before one of these nouns names a category (5000万元以上
# 项目, 60岁以上老人): the nouns that reports sort by size. A share (80%以上的企业) is a figure.
CATEGORY_NOUNS = ("项目", "企业", "单位", "工程", "商户", "门店", "村", "社区", "园区", "景区", "街区",
                  "市场主体", "纳税人", "人员", "人口", "老人", "家庭", "农户", "个体户", "客户", "产业",
                  "投资", "综合体", "商场", "超市", "酒店", "楼宇", "厂房")
SHARE_UNITS = ("%", "％", "‰", "成", "个百分点", "百分点", "倍")

# Proportions in words: 九成 is nine tenths. The labels write it as 90 with the unit 成 (the
# share in percent, the unit as printed); one factor to change if a label set differs.
CHENG_VALUE = 10
# After N成 these make a word, not a proportion (成立, 成为, 成功, 一成不变, 成千上万...).
CHENG_WORDS = "立为功本效果绩熟员交长都型品就分年人套批片了像份语千倍家才材活形文规色全事因败真行不"
