/**
 * Provinces (id = the two-digit GB/T 2260 code) and a selection of prefecture-level cities.
 * Tiers follow the common 1–4 commercial grouping (tiers "new 1" and 2 merged into 2, 5 into 4).
 * marketWeight ≈ resident population in 10,000s (rounded, 2020 census order of magnitude): it is a
 * sampling weight, not a statistic. plateRestricted: ICE plates by lottery/auction (NEV plates free).
 */
export interface ProvinceSeed {
  id: number;
  name: string;
  nameEn: string;
  region: 'east' | 'central' | 'west' | 'northeast';
}
export interface CitySeed {
  name: string;
  nameEn: string;
  provinceId: number;
  tier: 1 | 2 | 3 | 4;
  marketWeight: number;
  plateRestricted?: boolean;
}

export const PROVINCES: readonly ProvinceSeed[] = [
  { id: 11, name: '北京市', nameEn: 'Beijing', region: 'east' },
  { id: 12, name: '天津市', nameEn: 'Tianjin', region: 'east' },
  { id: 13, name: '河北省', nameEn: 'Hebei', region: 'east' },
  { id: 14, name: '山西省', nameEn: 'Shanxi', region: 'central' },
  { id: 15, name: '内蒙古自治区', nameEn: 'Inner Mongolia', region: 'west' },
  { id: 21, name: '辽宁省', nameEn: 'Liaoning', region: 'northeast' },
  { id: 22, name: '吉林省', nameEn: 'Jilin', region: 'northeast' },
  { id: 23, name: '黑龙江省', nameEn: 'Heilongjiang', region: 'northeast' },
  { id: 31, name: '上海市', nameEn: 'Shanghai', region: 'east' },
  { id: 32, name: '江苏省', nameEn: 'Jiangsu', region: 'east' },
  { id: 33, name: '浙江省', nameEn: 'Zhejiang', region: 'east' },
  { id: 34, name: '安徽省', nameEn: 'Anhui', region: 'central' },
  { id: 35, name: '福建省', nameEn: 'Fujian', region: 'east' },
  { id: 36, name: '江西省', nameEn: 'Jiangxi', region: 'central' },
  { id: 37, name: '山东省', nameEn: 'Shandong', region: 'east' },
  { id: 41, name: '河南省', nameEn: 'Henan', region: 'central' },
  { id: 42, name: '湖北省', nameEn: 'Hubei', region: 'central' },
  { id: 43, name: '湖南省', nameEn: 'Hunan', region: 'central' },
  { id: 44, name: '广东省', nameEn: 'Guangdong', region: 'east' },
  { id: 45, name: '广西壮族自治区', nameEn: 'Guangxi', region: 'west' },
  { id: 46, name: '海南省', nameEn: 'Hainan', region: 'east' },
  { id: 50, name: '重庆市', nameEn: 'Chongqing', region: 'west' },
  { id: 51, name: '四川省', nameEn: 'Sichuan', region: 'west' },
  { id: 52, name: '贵州省', nameEn: 'Guizhou', region: 'west' },
  { id: 53, name: '云南省', nameEn: 'Yunnan', region: 'west' },
  { id: 54, name: '西藏自治区', nameEn: 'Tibet', region: 'west' },
  { id: 61, name: '陕西省', nameEn: 'Shaanxi', region: 'west' },
  { id: 62, name: '甘肃省', nameEn: 'Gansu', region: 'west' },
  { id: 63, name: '青海省', nameEn: 'Qinghai', region: 'west' },
  { id: 64, name: '宁夏回族自治区', nameEn: 'Ningxia', region: 'west' },
  { id: 65, name: '新疆维吾尔自治区', nameEn: 'Xinjiang', region: 'west' },
];

export const CITIES: readonly CitySeed[] = [
  // tier 1
  { name: '北京', nameEn: 'Beijing', provinceId: 11, tier: 1, marketWeight: 2180, plateRestricted: true },
  { name: '上海', nameEn: 'Shanghai', provinceId: 31, tier: 1, marketWeight: 2480, plateRestricted: true },
  { name: '广州', nameEn: 'Guangzhou', provinceId: 44, tier: 1, marketWeight: 1880, plateRestricted: true },
  { name: '深圳', nameEn: 'Shenzhen', provinceId: 44, tier: 1, marketWeight: 1770, plateRestricted: true },
  // tier 2 (incl. "new tier 1")
  { name: '成都', nameEn: 'Chengdu', provinceId: 51, tier: 2, marketWeight: 2100 },
  { name: '重庆', nameEn: 'Chongqing', provinceId: 50, tier: 2, marketWeight: 2000 },
  { name: '杭州', nameEn: 'Hangzhou', provinceId: 33, tier: 2, marketWeight: 1250, plateRestricted: true },
  { name: '武汉', nameEn: 'Wuhan', provinceId: 42, tier: 2, marketWeight: 1370 },
  { name: '西安', nameEn: "Xi'an", provinceId: 61, tier: 2, marketWeight: 1300 },
  { name: '苏州', nameEn: 'Suzhou', provinceId: 32, tier: 2, marketWeight: 1290 },
  { name: '天津', nameEn: 'Tianjin', provinceId: 12, tier: 2, marketWeight: 1360, plateRestricted: true },
  { name: '南京', nameEn: 'Nanjing', provinceId: 32, tier: 2, marketWeight: 950 },
  { name: '长沙', nameEn: 'Changsha', provinceId: 43, tier: 2, marketWeight: 1050 },
  { name: '郑州', nameEn: 'Zhengzhou', provinceId: 41, tier: 2, marketWeight: 1300 },
  { name: '东莞', nameEn: 'Dongguan', provinceId: 44, tier: 2, marketWeight: 1050 },
  { name: '青岛', nameEn: 'Qingdao', provinceId: 37, tier: 2, marketWeight: 1030 },
  { name: '沈阳', nameEn: 'Shenyang', provinceId: 21, tier: 2, marketWeight: 920 },
  { name: '宁波', nameEn: 'Ningbo', provinceId: 33, tier: 2, marketWeight: 960 },
  { name: '昆明', nameEn: 'Kunming', provinceId: 53, tier: 2, marketWeight: 870 },
  { name: '合肥', nameEn: 'Hefei', provinceId: 34, tier: 2, marketWeight: 960 },
  { name: '佛山', nameEn: 'Foshan', provinceId: 44, tier: 2, marketWeight: 960 },
  { name: '厦门', nameEn: 'Xiamen', provinceId: 35, tier: 2, marketWeight: 530 },
  { name: '福州', nameEn: 'Fuzhou', provinceId: 35, tier: 2, marketWeight: 850 },
  { name: '济南', nameEn: 'Jinan', provinceId: 37, tier: 2, marketWeight: 940 },
  { name: '大连', nameEn: 'Dalian', provinceId: 21, tier: 2, marketWeight: 750 },
  { name: '无锡', nameEn: 'Wuxi', provinceId: 32, tier: 2, marketWeight: 750 },
  { name: '哈尔滨', nameEn: 'Harbin', provinceId: 23, tier: 2, marketWeight: 990 },
  { name: '长春', nameEn: 'Changchun', provinceId: 22, tier: 2, marketWeight: 910 },
  { name: '石家庄', nameEn: 'Shijiazhuang', provinceId: 13, tier: 2, marketWeight: 1120 },
  { name: '南宁', nameEn: 'Nanning', provinceId: 45, tier: 2, marketWeight: 890 },
  { name: '南昌', nameEn: 'Nanchang', provinceId: 36, tier: 2, marketWeight: 650 },
  { name: '贵阳', nameEn: 'Guiyang', provinceId: 52, tier: 2, marketWeight: 620 },
  { name: '太原', nameEn: 'Taiyuan', provinceId: 14, tier: 2, marketWeight: 540 },
  // tier 3
  { name: '温州', nameEn: 'Wenzhou', provinceId: 33, tier: 3, marketWeight: 970 },
  { name: '徐州', nameEn: 'Xuzhou', provinceId: 32, tier: 3, marketWeight: 900 },
  { name: '常州', nameEn: 'Changzhou', provinceId: 32, tier: 3, marketWeight: 540 },
  { name: '南通', nameEn: 'Nantong', provinceId: 32, tier: 3, marketWeight: 770 },
  { name: '泉州', nameEn: 'Quanzhou', provinceId: 35, tier: 3, marketWeight: 880 },
  { name: '唐山', nameEn: 'Tangshan', provinceId: 13, tier: 3, marketWeight: 770 },
  { name: '烟台', nameEn: 'Yantai', provinceId: 37, tier: 3, marketWeight: 710 },
  { name: '潍坊', nameEn: 'Weifang', provinceId: 37, tier: 3, marketWeight: 940 },
  { name: '洛阳', nameEn: 'Luoyang', provinceId: 41, tier: 3, marketWeight: 700 },
  { name: '宜昌', nameEn: 'Yichang', provinceId: 42, tier: 3, marketWeight: 400 },
  { name: '珠海', nameEn: 'Zhuhai', provinceId: 44, tier: 3, marketWeight: 250 },
  { name: '绍兴', nameEn: 'Shaoxing', provinceId: 33, tier: 3, marketWeight: 530 },
  { name: '嘉兴', nameEn: 'Jiaxing', provinceId: 33, tier: 3, marketWeight: 550 },
  { name: '金华', nameEn: 'Jinhua', provinceId: 33, tier: 3, marketWeight: 710 },
  { name: '惠州', nameEn: 'Huizhou', provinceId: 44, tier: 3, marketWeight: 600 },
  { name: '中山', nameEn: 'Zhongshan', provinceId: 44, tier: 3, marketWeight: 450 },
  { name: '保定', nameEn: 'Baoding', provinceId: 13, tier: 3, marketWeight: 920 },
  { name: '临沂', nameEn: 'Linyi', provinceId: 37, tier: 3, marketWeight: 1100 },
  { name: '兰州', nameEn: 'Lanzhou', provinceId: 62, tier: 3, marketWeight: 440 },
  { name: '乌鲁木齐', nameEn: 'Urumqi', provinceId: 65, tier: 3, marketWeight: 400 },
  { name: '呼和浩特', nameEn: 'Hohhot', provinceId: 15, tier: 3, marketWeight: 350 },
  { name: '银川', nameEn: 'Yinchuan', provinceId: 64, tier: 3, marketWeight: 290 },
  { name: '西宁', nameEn: 'Xining', provinceId: 63, tier: 3, marketWeight: 250 },
  { name: '海口', nameEn: 'Haikou', provinceId: 46, tier: 3, marketWeight: 290 },
  // tier 4 (incl. 5)
  { name: '赣州', nameEn: 'Ganzhou', provinceId: 36, tier: 4, marketWeight: 900 },
  { name: '株洲', nameEn: 'Zhuzhou', provinceId: 43, tier: 4, marketWeight: 390 },
  { name: '绵阳', nameEn: 'Mianyang', provinceId: 51, tier: 4, marketWeight: 490 },
  { name: '南阳', nameEn: 'Nanyang', provinceId: 41, tier: 4, marketWeight: 970 },
  { name: '商丘', nameEn: 'Shangqiu', provinceId: 41, tier: 4, marketWeight: 780 },
  { name: '周口', nameEn: 'Zhoukou', provinceId: 41, tier: 4, marketWeight: 900 },
  { name: '阜阳', nameEn: 'Fuyang', provinceId: 34, tier: 4, marketWeight: 820 },
  { name: '柳州', nameEn: 'Liuzhou', provinceId: 45, tier: 4, marketWeight: 420 },
  { name: '遵义', nameEn: 'Zunyi', provinceId: 52, tier: 4, marketWeight: 660 },
  { name: '曲靖', nameEn: 'Qujing', provinceId: 53, tier: 4, marketWeight: 580 },
  { name: '邯郸', nameEn: 'Handan', provinceId: 13, tier: 4, marketWeight: 940 },
  { name: '沧州', nameEn: 'Cangzhou', provinceId: 13, tier: 4, marketWeight: 730 },
  { name: '济宁', nameEn: 'Jining', provinceId: 37, tier: 4, marketWeight: 830 },
  { name: '菏泽', nameEn: 'Heze', provinceId: 37, tier: 4, marketWeight: 880 },
  { name: '榆林', nameEn: 'Yulin', provinceId: 61, tier: 4, marketWeight: 360 },
  { name: '包头', nameEn: 'Baotou', provinceId: 15, tier: 4, marketWeight: 270 },
  { name: '大庆', nameEn: 'Daqing', provinceId: 23, tier: 4, marketWeight: 280 },
  { name: '吉林', nameEn: 'Jilin', provinceId: 22, tier: 4, marketWeight: 360 },
  { name: '鞍山', nameEn: 'Anshan', provinceId: 21, tier: 4, marketWeight: 330 },
  { name: '荆州', nameEn: 'Jingzhou', provinceId: 42, tier: 4, marketWeight: 520 },
  { name: '岳阳', nameEn: 'Yueyang', provinceId: 43, tier: 4, marketWeight: 500 },
  { name: '常德', nameEn: 'Changde', provinceId: 43, tier: 4, marketWeight: 530 },
  { name: '拉萨', nameEn: 'Lhasa', provinceId: 54, tier: 4, marketWeight: 90 },
];

/** Median monthly income (yuan) of car-buying adults by tier; a calibration assumption, see README. */
export const INCOME_MEDIAN_BY_TIER: Record<1 | 2 | 3 | 4, number> = { 1: 15_000, 2: 10_000, 3: 7_500, 4: 6_000 };
/** Baseline NEV affinity by tier (charging access, plate policy, product mix). */
export const NEV_AFFINITY_BY_TIER: Record<1 | 2 | 3 | 4, number> = { 1: 0.48, 2: 0.4, 3: 0.34, 4: 0.29 };
