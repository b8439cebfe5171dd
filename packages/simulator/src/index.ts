export {
  simulateMarket,
  hasMarket,
  readMarketRecord,
  resetMarket,
  MarketExistsError,
  MarketResetBlockedError,
  SimulationOptionsError,
  SIMULATOR_VERSION,
  MARKET_META_KEY,
  MARKET_TABLES,
} from './simulate-market.ts';
export type { SimulateOptions, SimulationSummary, SimulationProgress, MarketRecord } from './simulate-market.ts';
export { DEFAULT_AS_OF, defaultDealerCount } from './defaults.ts';
