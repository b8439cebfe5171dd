export {
  simulateMarket,
  hasMarket,
  readMarketRecord,
  resetMarket,
  MarketExistsError,
  SimulationOptionsError,
  SIMULATOR_VERSION,
  DEFAULT_AS_OF,
  MARKET_META_KEY,
  MARKET_TABLES,
} from './simulate-market.ts';
export type { SimulateOptions, SimulationSummary, SimulationProgress, MarketRecord } from './simulate-market.ts';
export { defaultDealerCount } from './reference.ts';
