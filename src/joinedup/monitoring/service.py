"""Monitor: the one door other capabilities (reports, the web, the API) use.

Reading: `framework_view` gives a system's evaluation framework as at a date, per part and KPI:
code, name, unit, target as written, the latest period and value, met or not, the direction of
travel since the last report, the SPC chart (variation, assurance, point types) and the series;
`kpi_detail` adds the history of every value entered. Changing: frameworks, parts, KPIs
(versioned) and values (append-only corrections), all permission-checked and audited.

The pure pieces a report draws with are re-exported: the SPC computation, the chart as SVG or
PNG, its data table alternative, the plain-words summary, the icons, targets and direction.
"""

from __future__ import annotations

from joinedup.monitoring.chart import (
    DATA_TABLE_HEADINGS,
    DataTableRow,
    assurance_icon_svg,
    data_table,
    sparkline_svg,
    spc_chart_svg,
    variation_icon_svg,
)
from joinedup.monitoring.chart_png import spc_chart_png
from joinedup.monitoring.direction import (
    DirectionOfTravel,
    LatestPerformance,
    Polarity,
    Travel,
    direction_of_travel,
    latest_performance,
)
from joinedup.monitoring.editing import (
    EDITABLE,
    ValueIn,
    add_kpi,
    add_part,
    create_framework,
    kpi_state,
    record_value,
    record_values,
    update_kpi,
)
from joinedup.monitoring.permissions import may_edit
from joinedup.monitoring.plain_words import (
    ASSURANCE,
    DIRECTION,
    LIMITS,
    POINT_TYPES,
    RULE_NAMES,
    RULES,
    SCREENING,
    VARIATION,
    number,
    summary,
    target_words,
)
from joinedup.monitoring.spc import (
    Assurance,
    Direction,
    PointType,
    Rebase,
    Rule,
    SpcChart,
    SpcPoint,
    Variation,
    xmr_chart,
)
from joinedup.monitoring.standard import create_standard_framework
from joinedup.monitoring.targets import Comparator, Target, parse_target
from joinedup.monitoring.values_file import read_pasted, read_values
from joinedup.monitoring.views import (
    SOURCE_INDICATOR,
    SOURCE_LOCAL,
    FrameworkView,
    KpiDetail,
    KpiRow,
    PartView,
    PeriodHistory,
    SeriesPoint,
    ValueEntry,
    framework_view,
    kpi_detail,
    part_by_number,
)

spc = xmr_chart  # the SPC computation under the name a report looks for

__all__ = [
    "ASSURANCE",
    "DATA_TABLE_HEADINGS",
    "DIRECTION",
    "EDITABLE",
    "LIMITS",
    "POINT_TYPES",
    "RULES",
    "RULE_NAMES",
    "SCREENING",
    "SOURCE_INDICATOR",
    "SOURCE_LOCAL",
    "VARIATION",
    "Assurance",
    "Comparator",
    "DataTableRow",
    "Direction",
    "DirectionOfTravel",
    "FrameworkView",
    "KpiDetail",
    "KpiRow",
    "LatestPerformance",
    "PartView",
    "PeriodHistory",
    "PointType",
    "Polarity",
    "Rebase",
    "Rule",
    "SeriesPoint",
    "SpcChart",
    "SpcPoint",
    "Target",
    "Travel",
    "ValueEntry",
    "ValueIn",
    "Variation",
    "add_kpi",
    "add_part",
    "assurance_icon_svg",
    "create_framework",
    "create_standard_framework",
    "data_table",
    "direction_of_travel",
    "framework_view",
    "kpi_detail",
    "kpi_state",
    "latest_performance",
    "may_edit",
    "number",
    "parse_target",
    "part_by_number",
    "read_pasted",
    "read_values",
    "record_value",
    "record_values",
    "sparkline_svg",
    "spc",
    "spc_chart_png",
    "spc_chart_svg",
    "summary",
    "target_words",
    "update_kpi",
    "variation_icon_svg",
    "xmr_chart",
]
