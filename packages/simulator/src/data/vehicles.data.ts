/**
 * A compact catalogue of cars sold in China in 2025–2026. Prices are manufacturers' guide prices
 * (指导价) in yuan as published on the brands' sites / autohome around 2025, rounded; they are
 * plausible, not authoritative. popularity ≈ relative monthly retail volume (sampling weight).
 * Residual curves: value at t years = y1 × decay^(t−1), in basis points; JV ICE brands hold
 * value best, early BEVs worst (China Automobile Dealers Association residual-value reports, 2024–25,
 * in broad strokes).
 */
export type Fuel = 'ICE' | 'BEV' | 'PHEV';

export interface MakeSeed {
  id: number;
  name: string;
  nameEn: string;
  origin: 'domestic' | 'joint_venture' | 'foreign';
  nevOnly: boolean;
  /** Sold through the brand's own stores (NEV direct) instead of franchised 4S dealers. */
  directSales: boolean;
}

export interface ModelSeed {
  makeId: number;
  name: string;
  nameEn: string;
  body: 'sedan' | 'suv' | 'mpv' | 'hatchback';
  segment: 'economy' | 'mid' | 'premium' | 'luxury';
  residualY1Bp: number;
  residualDecayBp: number;
  popularity: number;
  /** [trim name, fuel, guide price in yuan] */
  trims: ReadonlyArray<readonly [string, Fuel, number]>;
}

export const MAKES: readonly MakeSeed[] = [
  { id: 1, name: '比亚迪', nameEn: 'BYD', origin: 'domestic', nevOnly: true, directSales: false },
  { id: 2, name: '特斯拉', nameEn: 'Tesla', origin: 'foreign', nevOnly: true, directSales: true },
  { id: 3, name: '蔚来', nameEn: 'NIO', origin: 'domestic', nevOnly: true, directSales: true },
  { id: 4, name: '理想', nameEn: 'Li Auto', origin: 'domestic', nevOnly: true, directSales: true },
  { id: 5, name: '小鹏', nameEn: 'XPeng', origin: 'domestic', nevOnly: true, directSales: true },
  { id: 6, name: '小米', nameEn: 'Xiaomi', origin: 'domestic', nevOnly: true, directSales: true },
  { id: 7, name: '问界', nameEn: 'AITO', origin: 'domestic', nevOnly: true, directSales: true },
  { id: 8, name: '零跑', nameEn: 'Leapmotor', origin: 'domestic', nevOnly: true, directSales: false },
  { id: 9, name: '吉利', nameEn: 'Geely', origin: 'domestic', nevOnly: false, directSales: false },
  { id: 10, name: '长安', nameEn: 'Changan', origin: 'domestic', nevOnly: false, directSales: false },
  { id: 11, name: '长城', nameEn: 'Great Wall', origin: 'domestic', nevOnly: false, directSales: false },
  { id: 12, name: '五菱', nameEn: 'Wuling', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 13, name: '丰田', nameEn: 'Toyota', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 14, name: '大众', nameEn: 'Volkswagen', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 15, name: '本田', nameEn: 'Honda', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 16, name: '日产', nameEn: 'Nissan', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 17, name: '宝马', nameEn: 'BMW', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 18, name: '奔驰', nameEn: 'Mercedes-Benz', origin: 'joint_venture', nevOnly: false, directSales: false },
  { id: 19, name: '奥迪', nameEn: 'Audi', origin: 'joint_venture', nevOnly: false, directSales: false },
];

export const MODELS: readonly ModelSeed[] = [
  // BYD
  { makeId: 1, name: '秦PLUS DM-i', nameEn: 'Qin PLUS DM-i', body: 'sedan', segment: 'economy', residualY1Bp: 7200, residualDecayBp: 8600, popularity: 40, trims: [['55km 领先型', 'PHEV', 79_800], ['120km 卓越型', 'PHEV', 99_800]] },
  { makeId: 1, name: '宋PLUS DM-i', nameEn: 'Song PLUS DM-i', body: 'suv', segment: 'mid', residualY1Bp: 7200, residualDecayBp: 8600, popularity: 35, trims: [['110km 旗舰型', 'PHEV', 129_800], ['150km 旗舰PLUS', 'PHEV', 149_800]] },
  { makeId: 1, name: '海鸥', nameEn: 'Seagull', body: 'hatchback', segment: 'economy', residualY1Bp: 6500, residualDecayBp: 8500, popularity: 30, trims: [['305km 活力版', 'BEV', 69_800], ['405km 飞翔版', 'BEV', 85_800]] },
  { makeId: 1, name: '海豹', nameEn: 'Seal', body: 'sedan', segment: 'mid', residualY1Bp: 6600, residualDecayBp: 8400, popularity: 10, trims: [['550km 精英型', 'BEV', 175_800], ['650km 四驱性能版', 'BEV', 215_800]] },
  { makeId: 1, name: '元PLUS', nameEn: 'Atto 3', body: 'suv', segment: 'mid', residualY1Bp: 6500, residualDecayBp: 8400, popularity: 15, trims: [['430km 领先型', 'BEV', 119_800], ['510km 旗舰型', 'BEV', 147_800]] },
  { makeId: 1, name: '汉', nameEn: 'Han', body: 'sedan', segment: 'premium', residualY1Bp: 6800, residualDecayBp: 8500, popularity: 10, trims: [['DM-i 尊贵型', 'PHEV', 169_800], ['EV 荣耀版', 'BEV', 209_800]] },
  // Tesla
  { makeId: 2, name: 'Model 3', nameEn: 'Model 3', body: 'sedan', segment: 'premium', residualY1Bp: 7500, residualDecayBp: 8600, popularity: 12, trims: [['后轮驱动版', 'BEV', 235_500], ['长续航全轮驱动版', 'BEV', 285_500]] },
  { makeId: 2, name: 'Model Y', nameEn: 'Model Y', body: 'suv', segment: 'premium', residualY1Bp: 7600, residualDecayBp: 8600, popularity: 30, trims: [['后轮驱动版', 'BEV', 263_500], ['长续航全轮驱动版', 'BEV', 303_500]] },
  // NIO
  { makeId: 3, name: 'ES6', nameEn: 'ES6', body: 'suv', segment: 'luxury', residualY1Bp: 6000, residualDecayBp: 8400, popularity: 4, trims: [['75kWh', 'BEV', 338_000]] },
  { makeId: 3, name: 'ET5', nameEn: 'ET5', body: 'sedan', segment: 'luxury', residualY1Bp: 6000, residualDecayBp: 8400, popularity: 3, trims: [['75kWh', 'BEV', 298_000]] },
  // Li Auto (extended-range counted as PHEV, as in China's NEV statistics)
  { makeId: 4, name: 'L6', nameEn: 'L6', body: 'suv', segment: 'premium', residualY1Bp: 7200, residualDecayBp: 8600, popularity: 15, trims: [['Pro', 'PHEV', 249_800], ['Max', 'PHEV', 279_800]] },
  { makeId: 4, name: 'L7', nameEn: 'L7', body: 'suv', segment: 'premium', residualY1Bp: 7200, residualDecayBp: 8600, popularity: 6, trims: [['Pro', 'PHEV', 301_800], ['Ultra', 'PHEV', 339_800]] },
  // XPeng
  { makeId: 5, name: 'MONA M03', nameEn: 'MONA M03', body: 'sedan', segment: 'mid', residualY1Bp: 6200, residualDecayBp: 8400, popularity: 12, trims: [['515 长续航版', 'BEV', 119_800], ['Max 580', 'BEV', 155_800]] },
  { makeId: 5, name: 'G6', nameEn: 'G6', body: 'suv', segment: 'premium', residualY1Bp: 6000, residualDecayBp: 8400, popularity: 3, trims: [['580 Pro', 'BEV', 176_800], ['755 Max', 'BEV', 205_800]] },
  // Xiaomi
  { makeId: 6, name: 'SU7', nameEn: 'SU7', body: 'sedan', segment: 'premium', residualY1Bp: 7800, residualDecayBp: 8600, popularity: 20, trims: [['标准版', 'BEV', 215_900], ['Pro', 'BEV', 245_900], ['Max', 'BEV', 299_900]] },
  // AITO
  { makeId: 7, name: '问界M7', nameEn: 'M7', body: 'suv', segment: 'premium', residualY1Bp: 6900, residualDecayBp: 8500, popularity: 8, trims: [['Pro 增程', 'PHEV', 249_800], ['Max 增程', 'PHEV', 289_800]] },
  { makeId: 7, name: '问界M9', nameEn: 'M9', body: 'suv', segment: 'luxury', residualY1Bp: 7000, residualDecayBp: 8500, popularity: 4, trims: [['Max 增程', 'PHEV', 469_800]] },
  // Leapmotor
  { makeId: 8, name: 'C10', nameEn: 'C10', body: 'suv', segment: 'mid', residualY1Bp: 6000, residualDecayBp: 8400, popularity: 12, trims: [['530 舒享版', 'BEV', 128_800], ['增程 智享版', 'PHEV', 138_800]] },
  // Geely
  { makeId: 9, name: '星越L', nameEn: 'Monjaro', body: 'suv', segment: 'mid', residualY1Bp: 6800, residualDecayBp: 8700, popularity: 10, trims: [['2.0T 豪华型', 'ICE', 137_200], ['2.0T 旗舰型', 'ICE', 172_200]] },
  { makeId: 9, name: '帝豪', nameEn: 'Emgrand', body: 'sedan', segment: 'economy', residualY1Bp: 6600, residualDecayBp: 8600, popularity: 15, trims: [['1.5L 精英型', 'ICE', 69_900], ['1.5L 旗舰型', 'ICE', 89_900]] },
  { makeId: 9, name: '银河E5', nameEn: 'Galaxy E5', body: 'suv', segment: 'mid', residualY1Bp: 6200, residualDecayBp: 8400, popularity: 10, trims: [['440km 领航版', 'BEV', 109_800], ['530km 星舰版', 'BEV', 145_800]] },
  { makeId: 9, name: '星愿', nameEn: 'Xingyuan', body: 'hatchback', segment: 'economy', residualY1Bp: 6200, residualDecayBp: 8400, popularity: 30, trims: [['310km 标准版', 'BEV', 68_800], ['410km 豪华版', 'BEV', 88_800]] },
  // Changan
  { makeId: 10, name: 'CS75 PLUS', nameEn: 'CS75 PLUS', body: 'suv', segment: 'mid', residualY1Bp: 6600, residualDecayBp: 8600, popularity: 15, trims: [['1.5T 豪华型', 'ICE', 108_900], ['2.0T 旗舰型', 'ICE', 139_900]] },
  { makeId: 10, name: '逸动', nameEn: 'Eado', body: 'sedan', segment: 'economy', residualY1Bp: 6500, residualDecayBp: 8600, popularity: 10, trims: [['1.5L 精英型', 'ICE', 79_900], ['1.4T 旗舰型', 'ICE', 99_900]] },
  { makeId: 10, name: '深蓝SL03', nameEn: 'Deepal SL03', body: 'sedan', segment: 'mid', residualY1Bp: 6000, residualDecayBp: 8400, popularity: 5, trims: [['1200 增程版', 'PHEV', 144_900], ['705 纯电版', 'BEV', 169_900]] },
  // Great Wall
  { makeId: 11, name: '哈弗H6', nameEn: 'Haval H6', body: 'suv', segment: 'mid', residualY1Bp: 6600, residualDecayBp: 8700, popularity: 20, trims: [['1.5T 都市版', 'ICE', 98_900], ['2.0T 四驱版', 'ICE', 129_900]] },
  { makeId: 11, name: '坦克300', nameEn: 'Tank 300', body: 'suv', segment: 'premium', residualY1Bp: 8000, residualDecayBp: 9000, popularity: 6, trims: [['2.0T 越野版', 'ICE', 199_800], ['Hi4-T', 'PHEV', 259_800]] },
  // Wuling
  { makeId: 12, name: '宏光MINIEV', nameEn: 'Hongguang MINI EV', body: 'hatchback', segment: 'economy', residualY1Bp: 5500, residualDecayBp: 8200, popularity: 18, trims: [['170km 轻松款', 'BEV', 32_800], ['215km 马卡龙', 'BEV', 49_800]] },
  // Toyota
  { makeId: 13, name: '卡罗拉', nameEn: 'Corolla', body: 'sedan', segment: 'economy', residualY1Bp: 8200, residualDecayBp: 9000, popularity: 12, trims: [['1.5L 先锋版', 'ICE', 119_800], ['双擎 旗舰版', 'ICE', 159_800]] },
  { makeId: 13, name: '凯美瑞', nameEn: 'Camry', body: 'sedan', segment: 'mid', residualY1Bp: 8200, residualDecayBp: 9000, popularity: 15, trims: [['2.0L 精英版', 'ICE', 171_800], ['双擎 旗舰版', 'ICE', 206_800]] },
  { makeId: 13, name: 'RAV4荣放', nameEn: 'RAV4', body: 'suv', segment: 'mid', residualY1Bp: 8100, residualDecayBp: 9000, popularity: 10, trims: [['2.0L 两驱都市版', 'ICE', 169_800], ['双擎 四驱旗舰版', 'ICE', 235_800]] },
  // Volkswagen
  { makeId: 14, name: '朗逸', nameEn: 'Lavida', body: 'sedan', segment: 'economy', residualY1Bp: 7500, residualDecayBp: 8800, popularity: 30, trims: [['1.5L 新逸版', 'ICE', 120_900], ['280TSI 星空版', 'ICE', 155_900]] },
  { makeId: 14, name: '帕萨特', nameEn: 'Passat', body: 'sedan', segment: 'mid', residualY1Bp: 7400, residualDecayBp: 8800, popularity: 10, trims: [['330TSI 精英版', 'ICE', 189_900], ['380TSI 旗舰版', 'ICE', 249_900]] },
  { makeId: 14, name: '途观L', nameEn: 'Tiguan L', body: 'suv', segment: 'mid', residualY1Bp: 7400, residualDecayBp: 8800, popularity: 10, trims: [['330TSI 两驱智享版', 'ICE', 219_800], ['380TSI 四驱旗舰版', 'ICE', 299_800]] },
  { makeId: 14, name: 'ID.3', nameEn: 'ID.3', body: 'hatchback', segment: 'mid', residualY1Bp: 5500, residualDecayBp: 8200, popularity: 5, trims: [['Pure', 'BEV', 159_900]] },
  // Honda
  { makeId: 15, name: '思域', nameEn: 'Civic', body: 'sedan', segment: 'economy', residualY1Bp: 8000, residualDecayBp: 9000, popularity: 8, trims: [['240TURBO 劲擎版', 'ICE', 129_900], ['e:HEV 极锐版', 'ICE', 175_900]] },
  { makeId: 15, name: '雅阁', nameEn: 'Accord', body: 'sedan', segment: 'mid', residualY1Bp: 8000, residualDecayBp: 9000, popularity: 10, trims: [['260TURBO 幻夜版', 'ICE', 179_800], ['e:PHEV 旗舰版', 'PHEV', 259_800]] },
  { makeId: 15, name: 'CR-V', nameEn: 'CR-V', body: 'suv', segment: 'mid', residualY1Bp: 8000, residualDecayBp: 9000, popularity: 10, trims: [['240TURBO 两驱', 'ICE', 181_900], ['e:HEV 四驱', 'ICE', 265_900]] },
  // Nissan
  { makeId: 16, name: '轩逸', nameEn: 'Sylphy', body: 'sedan', segment: 'economy', residualY1Bp: 7200, residualDecayBp: 8800, popularity: 30, trims: [['1.6L XE 舒适版', 'ICE', 99_800], ['e-POWER 豪华版', 'ICE', 142_900]] },
  // BMW
  { makeId: 17, name: '3系', nameEn: '3 Series', body: 'sedan', segment: 'luxury', residualY1Bp: 7000, residualDecayBp: 8600, popularity: 12, trims: [['325Li M运动套装', 'ICE', 299_900], ['330Li xDrive', 'ICE', 409_900]] },
  { makeId: 17, name: '5系', nameEn: '5 Series', body: 'sedan', segment: 'luxury', residualY1Bp: 7000, residualDecayBp: 8600, popularity: 10, trims: [['525Li 豪华套装', 'ICE', 439_900], ['530Li 尊享型', 'ICE', 529_900]] },
  { makeId: 17, name: 'X3', nameEn: 'X3', body: 'suv', segment: 'luxury', residualY1Bp: 7100, residualDecayBp: 8600, popularity: 10, trims: [['xDrive25L', 'ICE', 399_900], ['xDrive30L M运动', 'ICE', 499_900]] },
  { makeId: 17, name: 'i3', nameEn: 'i3', body: 'sedan', segment: 'luxury', residualY1Bp: 5200, residualDecayBp: 8200, popularity: 3, trims: [['eDrive35L', 'BEV', 353_900]] },
  // Mercedes-Benz
  { makeId: 18, name: 'C级', nameEn: 'C-Class', body: 'sedan', segment: 'luxury', residualY1Bp: 7000, residualDecayBp: 8600, popularity: 10, trims: [['C 260 L', 'ICE', 334_800], ['C 260 L 4MATIC', 'ICE', 410_200]] },
  { makeId: 18, name: 'E级', nameEn: 'E-Class', body: 'sedan', segment: 'luxury', residualY1Bp: 6900, residualDecayBp: 8600, popularity: 10, trims: [['E 260 L', 'ICE', 449_800], ['E 300 L 豪华型', 'ICE', 576_600]] },
  { makeId: 18, name: 'GLC', nameEn: 'GLC', body: 'suv', segment: 'luxury', residualY1Bp: 7100, residualDecayBp: 8600, popularity: 10, trims: [['GLC 260 L 4MATIC', 'ICE', 428_800], ['GLC 300 L 4MATIC', 'ICE', 556_800]] },
  // Audi
  { makeId: 19, name: 'A4L', nameEn: 'A4L', body: 'sedan', segment: 'luxury', residualY1Bp: 6800, residualDecayBp: 8600, popularity: 8, trims: [['40 TFSI 时尚动感型', 'ICE', 321_800], ['45 TFSI quattro', 'ICE', 412_800]] },
  { makeId: 19, name: 'A6L', nameEn: 'A6L', body: 'sedan', segment: 'luxury', residualY1Bp: 6700, residualDecayBp: 8600, popularity: 10, trims: [['45 TFSI 臻选致雅型', 'ICE', 427_900], ['45 TFSI quattro 尊享', 'ICE', 589_900]] },
  { makeId: 19, name: 'Q5L', nameEn: 'Q5L', body: 'suv', segment: 'luxury', residualY1Bp: 7000, residualDecayBp: 8600, popularity: 8, trims: [['40 TFSI 时尚动感型', 'ICE', 399_800], ['45 TFSI quattro 臻选', 'ICE', 504_800]] },
];
