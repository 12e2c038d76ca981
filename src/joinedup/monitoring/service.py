"""Monitor: the one door other capabilities (reports), the web, the API and the command line use.

Reading: `values_as_at` gives a framework's KPI values as they stood on a day, read from the
append-only history (what a report as at that day prints); `framework_view` gives a system's
evaluation framework as at a date, per part and KPI: code, name, unit, target as written and its
basis, the latest figure with its period ("Apr-19") and whether it is out of date, met, not met
or not comparable with the target, the direction of travel since the last report, the SPC
charts (XmR, and a p-chart for a proportion with known denominators) and the series, in a fixed
handful of queries; `kpi_detail` adds the history of every value entered.

Changing, each use case taking its input model from `schemas`: frameworks, parts, KPIs
(versioned: a stale edit is refused by the database) and values (append-only corrections; two
saves of one period from the same version give one winner and a stale edit), all
permission-checked and audited; the caller commits.

What a report draws with: the SPC computation, the chart as SVG or PNG (the PNG rasteriser is
loaded only when a PNG is made), its data table alternative, the plain-words summary, the icons.
"""

from __future__ import annotations

from joinedup.monitoring.agreement import record_agreement
from joinedup.monitoring.basis import BASIS_LABELS, BASIS_WORDS, Basis, Figure
from joinedup.monitoring.chart import sparkline_svg, spc_chart_svg
from joinedup.monitoring.chart_png import spc_chart_png
from joinedup.monitoring.chart_table import DATA_TABLE_HEADINGS, data_table
from joinedup.monitoring.direction import Polarity, Travel
from joinedup.monitoring.editing import add_kpi, create_framework, update_kpi
from joinedup.monitoring.icons import assurance_icon_svg, variation_icon_svg
from joinedup.monitoring.pchart import p_chart
from joinedup.monitoring.permissions import may_edit
from joinedup.monitoring.plain_words import (
    ASSURANCE,
    LIMITS,
    RULE_NAMES,
    RULES,
    SCREENING,
    VARIATION,
    number,
    summary,
)
from joinedup.monitoring.recording import import_values, record_value
from joinedup.monitoring.spc import (
    Assurance,
    ChartKind,
    Direction,
    PointType,
    Rebase,
    Rule,
    SpcChart,
    Variation,
    xmr_chart,
)
from joinedup.monitoring.spc_output import spc_of_file
from joinedup.monitoring.standard import create_standard_framework
from joinedup.monitoring.targets import parse_target
from joinedup.monitoring.views import (
    SOURCE_INDICATOR,
    FrameworkView,
    KpiDetail,
    KpiRow,
    SeriesPoint,
    TargetStatus,
    framework_view,
    kpi_detail,
    values_as_at,
)

spc = xmr_chart  # the SPC computation under the name a report looks for

__all__ = [
    "ASSURANCE",
    "BASIS_LABELS",
    "BASIS_WORDS",
    "DATA_TABLE_HEADINGS",
    "LIMITS",
    "RULES",
    "RULE_NAMES",
    "SCREENING",
    "SOURCE_INDICATOR",
    "VARIATION",
    "Assurance",
    "Basis",
    "ChartKind",
    "Direction",
    "Figure",
    "FrameworkView",
    "KpiDetail",
    "KpiRow",
    "PointType",
    "Polarity",
    "Rebase",
    "Rule",
    "SeriesPoint",
    "SpcChart",
    "TargetStatus",
    "Travel",
    "Variation",
    "add_kpi",
    "assurance_icon_svg",
    "create_framework",
    "create_standard_framework",
    "data_table",
    "framework_view",
    "import_values",
    "kpi_detail",
    "may_edit",
    "number",
    "p_chart",
    "parse_target",
    "record_agreement",
    "record_value",
    "sparkline_svg",
    "spc",
    "spc_chart_png",
    "spc_chart_svg",
    "spc_of_file",
    "summary",
    "update_kpi",
    "values_as_at",
    "variation_icon_svg",
    "xmr_chart",
]
