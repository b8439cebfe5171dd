import type { ChurnModel } from './churn-model.ts';

// Written by bench/customers/train-churn-model.ts — do not edit by hand; re-run the script to retrain.
// 16176 customers, 60.0 % went silent after the cut-off; held-out AUC 0.6802 on 4859 rows.
export const CHURN_MODEL: ChurnModel = {
  "version": "churn-simulator seed 20261122, 20000 customers, as of 2026-10-31",
  "features": [
    "recencyDays",
    "events90d",
    "tenureDays",
    "intentEvents",
    "applications",
    "loansActive",
    "complaints180d"
  ],
  "means": [
    4.492546109312193,
    0.4013751628879073,
    5.531345457468854,
    0.33345135495318895,
    0.1155143220408231,
    0.06872060940074567,
    0
  ],
  "deviations": [
    1.262808156218938,
    0.5186651783175418,
    0.7254370054355378,
    0.5693163123535766,
    0.25831157163462865,
    0.20714964276114706,
    1
  ],
  "intercept": 0.44060205113734335,
  "coefficients": [
    0.13350814643873257,
    -0.13229014816581655,
    0.48462727712959264,
    0.1692768213904481,
    -0.14642544667290655,
    -0.03978246020763812,
    0
  ],
  "heldOutAuc": 0.6801772510984508,
  "trainRows": 11317,
  "testRows": 4859,
  "trainedOn": "simulator seed 20261122, 20000 customers, as of 2026-10-31"
};
