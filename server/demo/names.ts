// Word lists for the demo data. Every org and person is invented; only the figures are real.

export interface CountySpec {
  /** 道里区 */
  name: string;
  /** Region code (行政区划代码) of the ID numbers of the county's local workers. */
  region: string;
  /** 区 (districts have 街道) or 县/市 (counties have 镇 and 乡). */
  kind: 'DISTRICT' | 'COUNTY';
  townships: number;
  /** Large enterprises registered directly with the county federation. */
  directEnterprises: number;
  /** Relative number of enterprise unions. */
  enterpriseWeight: number;
  /** Relative number of workers (SF01's is fixed by the report). */
  workerWeight: number;
}

// Twelve counties and districts, SF01 the one of the district report; 150 townships, 35 direct enterprises.
// prettier-ignore
export const COUNTIES: readonly CountySpec[] = [
  { name: '道里区', region: '230102', kind: 'DISTRICT', townships: 14, directEnterprises: 3, enterpriseWeight: 0.55, workerWeight: 0 },
  { name: '松江区', region: '230103', kind: 'DISTRICT', townships: 13, directEnterprises: 4, enterpriseWeight: 1.35, workerWeight: 1.45 },
  { name: '新阳区', region: '230104', kind: 'DISTRICT', townships: 12, directEnterprises: 3, enterpriseWeight: 1.2, workerWeight: 1.3 },
  { name: '江北区', region: '230108', kind: 'DISTRICT', townships: 11, directEnterprises: 2, enterpriseWeight: 0.95, workerWeight: 0.9 },
  { name: '香园区', region: '230109', kind: 'DISTRICT', townships: 14, directEnterprises: 4, enterpriseWeight: 1.3, workerWeight: 1.4 },
  { name: '平安区', region: '230110', kind: 'DISTRICT', townships: 12, directEnterprises: 3, enterpriseWeight: 1.1, workerWeight: 1.15 },
  { name: '兴隆区', region: '230111', kind: 'DISTRICT', townships: 13, directEnterprises: 2, enterpriseWeight: 1.0, workerWeight: 0.95 },
  { name: '阿河区', region: '230112', kind: 'DISTRICT', townships: 12, directEnterprises: 3, enterpriseWeight: 0.9, workerWeight: 0.85 },
  { name: '双河市', region: '230113', kind: 'COUNTY', townships: 15, directEnterprises: 4, enterpriseWeight: 0.85, workerWeight: 0.8 },
  { name: '依河县', region: '230123', kind: 'COUNTY', townships: 12, directEnterprises: 2, enterpriseWeight: 0.6, workerWeight: 0.5 },
  { name: '方山县', region: '230124', kind: 'COUNTY', townships: 11, directEnterprises: 3, enterpriseWeight: 0.55, workerWeight: 0.45 },
  { name: '宾安县', region: '230125', kind: 'COUNTY', townships: 11, directEnterprises: 2, enterpriseWeight: 0.65, workerWeight: 0.55 },
];

/** Where migrant workers (农民工) come from: rural counties of the province and beyond. */
// prettier-ignore
export const MIGRANT_REGIONS: readonly string[] = [
  '230123', '230124', '230125', '230126', '230127', '230128', '230129', '230183', '230184',
  '230221', '230223', '230224', '230225', '230227', '230229', '230230', '230231',
  '230421', '230422', '230521', '230522', '230621', '230622', '230623', '230624',
  '230722', '230826', '230828', '231025', '231081', '231121', '231123', '231221', '231222',
  '220122', '220182', '220183', '220221', '220322', '210124', '211224', '371321', '372923', '410527',
];

// prettier-ignore
export const STREET_STEMS: readonly string[] = [
  '新阳路', '友谊路', '建国', '工农', '和平', '民主', '胜利', '光明', '兴华', '团结', '红旗', '东风',
  '朝阳', '前进', '文化', '长江路', '黄河路', '江畔', '铁路', '机场路', '先锋', '新华', '兴业', '永安',
  '太平', '宏伟', '幸福', '振兴', '通达', '新风', '安和', '景阳', '通江', '东莱', '安平', '承德',
];

// prettier-ignore
export const TOWN_STEMS: readonly string[] = [
  '兴安', '红光', '新立', '长岭', '永和', '东兴', '西集', '五里', '平山', '双井', '德胜', '富源',
  '青山', '柳河', '石门', '三合', '太和', '松林', '金山', '宝山', '福兴', '联合', '民乐', '荣华',
  '玉泉', '新华', '大兴', '向阳', '北岗', '前进', '丰乐', '庆丰', '兴隆', '永发', '长安', '白杨',
];

// prettier-ignore
export const ENTERPRISE_CORES: readonly string[] = [
  '华兴', '宏达', '鑫源', '永利', '瑞丰', '金鼎', '恒通', '东方', '北方', '龙江', '远大', '天成',
  '富华', '隆盛', '嘉禾', '新宇', '长城', '兴业', '宝泰', '大成', '正阳', '盛达', '华鑫', '伟业',
  '万达', '安泰', '德隆', '海川', '广源', '顺通', '金桥', '银河', '蓝天', '绿源', '中兴', '泰和',
  '昌盛', '汇丰', '丰源', '三江', '北极星', '雪城', '冰城', '松花', '金达', '亿通', '鸿运', '同心',
  '立信', '诚信', '明达', '光华', '佳美', '新星', '利民', '惠民', '亨通', '兆丰', '鼎盛', '凯旋',
  '博远', '卓越', '益民', '福源', '春华', '秋实', '天润', '润发', '祥和', '联创', '智远', '华宇',
];

// prettier-ignore
export const INDUSTRIES: readonly string[] = [
  '机械', '电器', '食品', '纺织', '建筑工程', '商贸', '物流', '化工', '制药', '印刷', '包装', '汽车配件',
  '木业', '钢结构', '家具', '服装', '粮油', '乳业', '电子', '软件', '物业管理', '餐饮管理', '酒店管理',
  '环保设备', '热力', '建材', '塑料制品', '农机', '锅炉', '精密铸造', '电力设备', '装饰工程', '米业',
  '医疗器械', '供热', '运输', '超市', '保安服务', '家政服务',
];

// prettier-ignore
export const COMPANY_SUFFIXES: readonly (readonly [string, number])[] = [
  ['有限公司', 60],
  ['有限责任公司', 18],
  ['股份有限公司', 6],
  ['厂', 12],
  ['集团有限公司', 4],
];

// The hundred commonest surnames, roughly by frequency.
// prettier-ignore
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 69], ['刘', 54], ['陈', 45], ['杨', 31], ['赵', 29], ['黄', 25], ['周', 24], ['吴', 22],
  ['徐', 17], ['孙', 16], ['胡', 14], ['朱', 14], ['高', 13], ['林', 12], ['何', 12], ['郭', 12], ['马', 12], ['罗', 10],
  ['梁', 9], ['宋', 8], ['郑', 8], ['谢', 7], ['韩', 7], ['唐', 7], ['冯', 7], ['于', 7], ['董', 6], ['萧', 6],
  ['程', 6], ['曹', 6], ['袁', 5], ['邓', 5], ['许', 5], ['傅', 5], ['沈', 5], ['曾', 5], ['彭', 5], ['吕', 5],
  ['苏', 5], ['卢', 5], ['蒋', 5], ['蔡', 5], ['贾', 4], ['丁', 4], ['魏', 4], ['薛', 4], ['叶', 4], ['阎', 4],
  ['余', 4], ['潘', 4], ['杜', 4], ['戴', 4], ['夏', 4], ['钟', 4], ['汪', 3], ['田', 3], ['任', 3], ['姜', 3],
  ['范', 3], ['方', 3], ['石', 3], ['姚', 3], ['谭', 3], ['廖', 3], ['邹', 3], ['熊', 3], ['金', 3], ['陆', 3],
  ['郝', 3], ['孔', 3], ['白', 3], ['崔', 3], ['康', 3], ['毛', 3], ['邱', 3], ['秦', 3], ['江', 3], ['史', 3],
  ['顾', 2], ['侯', 2], ['邵', 2], ['孟', 2], ['龙', 2], ['万', 2], ['段', 2], ['雷', 2], ['钱', 2], ['汤', 2],
  ['尹', 2], ['黎', 2], ['易', 2], ['常', 2], ['武', 2], ['乔', 2], ['贺', 2], ['赖', 2], ['龚', 2], ['文', 2],
];

export const MALE_GIVEN: readonly string[] = [
  ...('伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国峰亮成东志海新春文利清庆德祥胜' +
    '兴发忠军贵福生永广义宏树江山学力彬晨立雷林松柏岩振武德宝铁民亮'),
];

export const FEMALE_GIVEN: readonly string[] = [
  ...('芳娜敏静丽艳娟霞秀燕玲桂丹萍红玉兰英梅琳雪婷慧莉颖倩洁佳晶云凤娥琴荣爽月莲淑珍彩菊颖冬蕾环红华' + '春晓丽艳杰娇媛薇蓉茹婧欣悦'),
];

// prettier-ignore
export const PHONE_PREFIXES: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159', '180', '181', '182', '183', '185', '186', '187', '188', '189',
];

export const ILLNESSES: readonly string[] = [
  '尿毒症，每周透析三次',
  '恶性肿瘤术后化疗',
  '脑血栓后遗症',
  '冠心病支架术后',
  '白血病',
  '糖尿病并发症',
  '股骨头坏死',
  '肺癌晚期',
  '乳腺癌术后',
  '肝硬化',
  '类风湿性关节炎',
  '精神疾病长期服药',
  '先天性心脏病（子女）',
  '脑出血后偏瘫',
  '重症肌无力',
];

export const INCOME_SOURCES: readonly string[] = [
  '本人工资',
  '下岗生活费',
  '失业保险金',
  '最低生活保障金',
  '零散打工收入',
  '配偶工资',
  '配偶退休金',
  '父母退休金',
  '个体经营收入',
  '亲属接济',
  '残疾人补贴',
  '摆摊收入',
];

export const SKILLS: readonly string[] = [
  '电焊',
  '车工',
  '钳工',
  '驾驶（C1）',
  '烹饪',
  '缝纫',
  '家政',
  '电工',
  '木工',
  '瓦工',
  '计算机操作',
  '会计',
  '仓储管理',
  '美容美发',
  '无',
];

export const JOB_WISHES: readonly string[] = [
  '保洁',
  '保安',
  '物业维修',
  '超市理货',
  '社区公益岗位',
  '餐饮服务',
  '家政服务',
  '仓库管理',
  '快递分拣',
  '门卫',
  '驾驶员',
  '灵活就业',
  '暂无就业意愿',
];

export const PLANS: readonly string[] = [
  '纳入送温暖慰问对象，春节走访',
  '推荐参加再就业技能培训',
  '联系社区公益性岗位',
  '申请大病医疗救助',
  '子女纳入金秋助学',
  '结对帮扶，定期走访',
  '协助申请最低生活保障',
  '推荐参加招聘会',
  '发放生活救助金',
  '协调企业补缴社会保险',
  '办理医疗救助卡',
  '提供法律援助',
];

export const LIFT_REASONS: readonly string[] = [
  '实现再就业，家庭收入超过困难标准',
  '子女毕业参加工作',
  '病愈返岗',
  '配偶就业，家庭收入提高',
  '自主创业，收入稳定',
  '办理退休，领取养老金',
  '家庭人口变化，人均收入超过标准',
];

// ---------------------------------------------------------------------------------------------
// Assistance funds, cases and pairings

/** Colleges of the province and beyond, for 金秋助学. */
// prettier-ignore
export const COLLEGES: readonly string[] = [
  '黑龙江大学', '哈尔滨工业大学', '哈尔滨工程大学', '东北农业大学', '东北林业大学', '哈尔滨理工大学',
  '哈尔滨医科大学', '哈尔滨师范大学', '哈尔滨商业大学', '黑龙江中医药大学', '黑龙江科技大学', '东北石油大学',
  '齐齐哈尔大学', '佳木斯大学', '牡丹江师范学院', '黑龙江工程学院', '哈尔滨学院', '黑龙江八一农垦大学',
  '哈尔滨职业技术学院', '黑龙江农业工程职业学院', '黑龙江建筑职业技术学院', '哈尔滨铁道职业技术学院',
  '吉林大学', '东北师范大学', '大连理工大学', '东北大学', '沈阳建筑大学', '长春工业大学', '山东大学', '北京交通大学',
];

/** 助技: training courses for laid-off and unemployed workers. */
// prettier-ignore
export const TRAINING_COURSES: readonly string[] = [
  '电焊工培训班', '中式烹调师培训班', '中式面点师培训班', '育婴师培训班', '养老护理员培训班', '家政服务员培训班',
  '电工上岗证培训班', '叉车司机培训班', '计算机操作培训班', '美容美发培训班', '电子商务（直播带货）培训班',
  '保安员培训班', '网约车驾驶员培训班', '母婴护理（月嫂）培训班', '物业维修工培训班', '快递员技能培训班',
  '汽车维修工培训班', '茶艺师培训班', '营养配餐员培训班', '创业培训（SYB）班',
];

/** 助岗: job fairs and placements; the fairs are held every year. */
// prettier-ignore
export const JOB_FAIRS: readonly string[] = [
  '春风行动专场招聘会', '就业援助月专场招聘会', '民营企业招聘周', '困难职工专场招聘会', '“工会助岗”网络招聘会',
];
// prettier-ignore
export const PLACEMENTS: readonly string[] = [
  '社区公益性岗位安置', '物业公司保洁岗位推荐', '超市理货员岗位推荐', '快递分拣岗位推荐', '家政服务岗位推荐',
  '小区门卫岗位推荐', '餐饮服务岗位推荐', '仓库管理员岗位推荐', '环卫岗位安置', '停车场收费员岗位推荐',
];

/** 送温暖 goods with their value in fen and how often given: winter festivals, summer festivals, Mid-Autumn. */
export const WARMTH_GOODS = {
  winter: [
    ['大米 10kg, 食用油 5L', 9_000, 10],
    ['大米 10kg', 4_000, 24],
    ['食用油 5L', 6_000, 18],
    ['面粉 10kg', 3_000, 14],
    ['大米 5kg, 食用油 2.5L', 5_000, 18],
    ['棉被 1床', 8_000, 6],
    ['大米 10kg, 面粉 10kg, 食用油 5L', 12_000, 2],
  ],
  summer: [
    ['大米 10kg, 食用油 5L', 9_000, 10],
    ['大米 10kg', 4_000, 26],
    ['食用油 5L', 6_000, 22],
    ['大米 5kg, 食用油 2.5L', 5_000, 20],
    ['毛巾被 1条', 5_000, 6],
  ],
  autumn: [
    ['月饼 1盒', 3_000, 24],
    ['月饼 1盒, 食用油 5L', 9_000, 16],
    ['食用油 5L', 6_000, 14],
    ['月饼 1盒, 大米 10kg', 7_000, 16],
  ],
} as const satisfies Record<string, readonly (readonly [string, number, number])[]>;

/** Why applications were refused, by programme. */
export const REJECT_REASONS = {
  WARMTH: ['本节日已慰问，重复申请'],
  LIVING: ['家庭人均月收入超过困难标准', '申请材料不全，请补齐后重新申请', '本年度已享受生活救助，不重复救助'],
  MEDICAL: ['医疗费用已由医保和大病保险报销', '材料不全，缺少住院费用清单', '所患疾病不在大病救助范围'],
  EDUCATION: ['学生为非全日制学历教育，不符合助学条件', '已享受其他助学金，不重复资助', '家庭人均月收入超过困难标准'],
  SKILLS: ['本期培训班名额已满，安排下期参加', '已参加同类培训，不重复安排'],
} as const;

/** Pairings ended for a reason other than lifting; the first two are followed by a new cadre. */
export const PAIRING_END_NOTES: readonly string[] = [
  '帮扶干部工作调动，另行安排结对',
  '帮扶干部退休，另行安排结对',
  '职工迁居外地，转由当地工会帮扶',
  '职工家庭申请终止结对',
];

/** Scorecard notes on a criterion not met (劳动关系和谐企业创建考核), by criterion. */
export const CRITERION_UNMET_NOTES = {
  COLLECTIVE_CONTRACT: ['集体合同已到期，尚未续签', '集体合同未报人社部门审查备案', '未签订集体合同'],
  WAGE_BARGAINING: ['本年度未开展工资集体协商', '工资专项集体合同未签订', '工资集体协商流于形式，未形成协议'],
  WORKERS_CONGRESS: ['职代会未按期召开', '职工代表大会制度未建立', '职代会未审议企业重大事项'],
  FACTORY_AFFAIRS_OPENNESS: ['厂务公开栏内容未及时更新', '厂务公开制度不健全', '未公开职工社会保险缴纳情况'],
  NO_WAGE_ARREARS: ['存在拖欠职工工资情况', '加班工资未足额发放', '工资未按月足额支付'],
  SAFE_PRODUCTION: ['本年度发生一般安全生产事故', '安全生产隐患未按期整改', '劳动防护用品配备不足'],
} as const;

/** Scorecard notes on a criterion met: now and then one. */
export const CRITERION_MET_NOTES = {
  COLLECTIVE_CONTRACT: ['集体合同已报人社部门审查备案', '集体合同三年一签，履约良好'],
  WAGE_BARGAINING: ['工资专项集体合同已签订', '年度工资增长幅度经协商确定'],
  WORKERS_CONGRESS: ['职代会每年召开两次', '职工代表按比例选举产生'],
  FACTORY_AFFAIRS_OPENNESS: ['厂务公开栏按季度更新'],
  NO_WAGE_ARREARS: ['工资按月足额发放', '设立工资支付保证金'],
  SAFE_PRODUCTION: ['全年无安全生产事故', '安全生产标准化达标'],
} as const;

/** Why a naming was revoked (撤销命名), with the criterion the enterprise then fails. */
export const REVOKE_REASONS: readonly (readonly [
  string,
  'NO_WAGE_ARREARS' | 'SAFE_PRODUCTION' | 'COLLECTIVE_CONTRACT' | 'WORKERS_CONGRESS',
])[] = [
  ['发生拖欠工资事件', 'NO_WAGE_ARREARS'],
  ['发生拖欠工资事件，引发职工集体上访', 'NO_WAGE_ARREARS'],
  ['发生较大安全生产事故', 'SAFE_PRODUCTION'],
  ['集体合同到期未续签，经复查不再符合命名条件', 'COLLECTIVE_CONTRACT'],
  ['发生群体性劳动争议，职代会长期未召开', 'WORKERS_CONGRESS'],
];
