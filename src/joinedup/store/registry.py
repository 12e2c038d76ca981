"""Every table of every capability, imported so that Base.metadata knows them all."""

from joinedup.access import models as access_models
from joinedup.areas import models as areas_models
from joinedup.governance import models as governance_models
from joinedup.metrics import models as metrics_models
from joinedup.monitoring import models as monitoring_models
from joinedup.plans import models as plans_models
from joinedup.ranking import models as ranking_models
from joinedup.reminders import models as reminders_models
from joinedup.reports import models as reports_models
from joinedup.reviews import models as reviews_models
from joinedup.store import presence as store_models
from joinedup.store.db import Base

MODEL_MODULES = (
    access_models,
    areas_models,
    metrics_models,
    reviews_models,
    plans_models,
    ranking_models,
    reports_models,
    reminders_models,
    monitoring_models,
    governance_models,
    store_models,
)

metadata = Base.metadata
