import type { ValuationModel } from '@autofin/contracts';
import { valuationModelSchema } from '@autofin/contracts';
import raw from './valuation-model.v1.json' with { type: 'json' };

/**
 * The committed valuation model: fitted by `autofin valuation fit` (fitValuationModel on
 * ../shared/data/car_prices.csv and the simulator's catalogue). A refit that changes any number
 * is a new version, so recorded valuations can always name the model that produced them.
 */
export const valuationModelV1: ValuationModel = valuationModelSchema.parse(raw);
