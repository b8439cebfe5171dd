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
export { demoBureauRecord, DEMO_BUREAU_THIN_SHARE, DEMO_BUREAU_IMPAIRED_SHARE } from './demo-bureau.ts';
export type { DemoBureauRecord } from './demo-bureau.ts';
export { simulateCampaignResponse, windowBaseline, memberUplift, APPLY_DELAY_MEAN_DAYS, FUND_PROBABILITY, CONDITIONS_MET_PROBABILITY, DELIVERED_UPLIFT, CLICK_UPLIFT, SEGMENT_RESPONSIVENESS, OFFER_MULTIPLIER } from './campaign-response.ts';
export type { ResponseMember, ResponseOptions, MemberResponse, TrueEffect, ResponseChannel } from './campaign-response.ts';
