// Known outlets as data. `aliases` are source identifiers used by corpora and exports (ANT, SaudiNewsNet)
// and other spellings of the name; `pathPrefix` separates outlets that share a domain (BBC Arabic on bbc.com).

export type KnownOutlet = {
  name: string;
  nameAr?: string;
  domain: string;
  /** Other domains that serve the same outlet. */
  domains?: string[];
  aliases?: string[];
  /** Only URLs under this path belong to the outlet (matched before the bare-domain entry). */
  pathPrefix?: string;
  language?: string;
};

export const OUTLETS: readonly KnownOutlet[] = [
  // ANT corpus sources
  {
    name: 'Al Arabiya',
    nameAr: 'العربية',
    domain: 'alarabiya.net',
    aliases: ['alarabia', 'alarabiya', 'al-arabiya'],
    language: 'ar',
  },
  {
    name: 'BBC Arabic',
    nameAr: 'بي بي سي عربي',
    domain: 'bbc.com',
    domains: ['bbc.co.uk'],
    pathPrefix: '/arabic',
    aliases: ['bbc', 'bbc arabic', 'bbcarabic', 'بي بي سي'],
    language: 'ar',
  },
  {
    name: 'France 24',
    nameAr: 'فرانس 24',
    domain: 'france24.com',
    aliases: ['france24', 'france 24', 'فرانس24'],
  },
  {
    name: 'Sky News Arabia',
    nameAr: 'سكاي نيوز عربية',
    domain: 'skynewsarabia.com',
    aliases: ['skynews', 'sky news arabia', 'skynewsarabia'],
    language: 'ar',
  },
  // SaudiNewsNet sources
  {
    name: 'Asharq Al-Awsat',
    nameAr: 'الشرق الأوسط',
    domain: 'aawsat.com',
    domains: ['aawsat.net'],
    aliases: ['aawsat', 'asharq al-awsat', 'al-sharq al-awsat'],
    language: 'ar',
  },
  {
    name: 'Al-Eqtisadiya',
    nameAr: 'الاقتصادية',
    domain: 'aleqt.com',
    aliases: ['aleqtisadiya', 'aleqt'],
    language: 'ar',
  },
  {
    name: 'Al-Jazirah',
    nameAr: 'الجزيرة',
    domain: 'al-jazirah.com',
    aliases: ['aljazirah', 'al-jazirah'],
    language: 'ar',
  },
  {
    name: 'Al-Madina',
    nameAr: 'المدينة',
    domain: 'al-madina.com',
    aliases: ['almadina', 'al-madina'],
    language: 'ar',
  },
  {
    name: 'Al Riyadh',
    nameAr: 'الرياض',
    domain: 'alriyadh.com',
    aliases: ['alriyadh', 'al-riyadh'],
    language: 'ar',
  },
  {
    name: 'Al-Watan',
    nameAr: 'الوطن',
    domain: 'alwatan.com.sa',
    aliases: ['alwatan', 'al-watan'],
    language: 'ar',
  },
  { name: 'Al-Weeam', nameAr: 'الوئام', domain: 'alweeam.com.sa', aliases: ['alweeam'], language: 'ar' },
  { name: 'Al-Yaum', nameAr: 'اليوم', domain: 'alyaum.com', aliases: ['alyaum'], language: 'ar' },
  { name: 'Arreyadi', nameAr: 'الرياضي', domain: 'arreyadi.com.sa', aliases: ['arreyadi'], language: 'ar' },
  {
    name: 'Arriyadiyah',
    nameAr: 'الرياضية',
    domain: 'arriyadiyah.com',
    domains: ['arreyadiyah.com'],
    aliases: ['arriyadiyah', 'arreyadiyah'],
    language: 'ar',
  },
  { name: 'Okaz', nameAr: 'عكاظ', domain: 'okaz.com.sa', aliases: ['okaz'], language: 'ar' },
  { name: 'Sabq', nameAr: 'سبق', domain: 'sabq.org', aliases: ['sabq'], language: 'ar' },
  {
    name: 'Saudi Press Agency',
    nameAr: 'واس',
    domain: 'spa.gov.sa',
    aliases: ['was', 'spa', 'وكالة الأنباء السعودية'],
    language: 'ar',
  },
  { name: 'Ain Alyoum', nameAr: 'عين اليوم', domain: '3alyoum.com', aliases: ['3alyoum'], language: 'ar' },
  // The seeds' outlets
  {
    name: 'Erem News',
    nameAr: 'إرم نيوز',
    domain: 'eremnews.com',
    aliases: ['eremnews', 'erem news', 'إرم'],
    language: 'ar',
  },
  {
    name: 'Madar21',
    nameAr: 'مدار21',
    domain: 'madar21.com',
    aliases: ['madar21', 'مدار 21'],
    language: 'ar',
  },
  // Major Arabic outlets
  {
    name: 'Al Jazeera',
    nameAr: 'الجزيرة نت',
    domain: 'aljazeera.net',
    domains: ['aljazeera.com'],
    aliases: ['aljazeera', 'al jazeera', 'الجزيرة.نت'],
  },
  { name: 'Hespress', nameAr: 'هسبريس', domain: 'hespress.com', aliases: ['hespress'] },
  {
    name: 'Al-Ahram',
    nameAr: 'الأهرام',
    domain: 'ahram.org.eg',
    aliases: ['ahram', 'al-ahram', 'بوابة الأهرام'],
    language: 'ar',
  },
  { name: 'Youm7', nameAr: 'اليوم السابع', domain: 'youm7.com', aliases: ['youm7'], language: 'ar' },
  {
    name: 'Al-Masry Al-Youm',
    nameAr: 'المصري اليوم',
    domain: 'almasryalyoum.com',
    aliases: ['almasryalyoum'],
    language: 'ar',
  },
  {
    name: 'Al-Shorouk',
    nameAr: 'الشروق',
    domain: 'shorouknews.com',
    aliases: ['shorouknews'],
    language: 'ar',
  },
  { name: 'Masrawy', nameAr: 'مصراوي', domain: 'masrawy.com', aliases: ['masrawy'], language: 'ar' },
  {
    name: 'CNN Arabic',
    nameAr: 'سي إن إن بالعربية',
    domain: 'arabic.cnn.com',
    aliases: ['cnn arabic', 'cnnarabic'],
    language: 'ar',
  },
  {
    name: 'RT Arabic',
    nameAr: 'آر تي عربي',
    domain: 'arabic.rt.com',
    aliases: ['rt arabic'],
    language: 'ar',
  },
  {
    name: 'Independent Arabia',
    nameAr: 'اندبندنت عربية',
    domain: 'independentarabia.com',
    aliases: ['independentarabia'],
    language: 'ar',
  },
  {
    name: 'Al-Quds Al-Arabi',
    nameAr: 'القدس العربي',
    domain: 'alquds.co.uk',
    aliases: ['alquds'],
    language: 'ar',
  },
  {
    name: 'Al Mayadeen',
    nameAr: 'الميادين',
    domain: 'almayadeen.net',
    aliases: ['almayadeen'],
    language: 'ar',
  },
  { name: 'Annahar', nameAr: 'النهار', domain: 'annahar.com', aliases: ['annahar'], language: 'ar' },
  { name: 'Al Khaleej', nameAr: 'الخليج', domain: 'alkhaleej.ae', aliases: ['alkhaleej'], language: 'ar' },
  { name: 'Al Bayan', nameAr: 'البيان', domain: 'albayan.ae', aliases: ['albayan'], language: 'ar' },
  { name: 'Anadolu Agency', nameAr: 'الأناضول', domain: 'aa.com.tr', aliases: ['anadolu', 'aa'] },
  { name: 'Le360', domain: 'le360.ma', aliases: ['le360'] },
  // Major English and French outlets
  {
    name: 'BBC News',
    nameAr: 'بي بي سي',
    domain: 'bbc.com',
    domains: ['bbc.co.uk'],
    aliases: ['bbc news'],
    language: 'en',
  },
  { name: 'Reuters', nameAr: 'رويترز', domain: 'reuters.com', aliases: ['reuters'] },
  {
    name: 'Associated Press',
    nameAr: 'أسوشيتد برس',
    domain: 'apnews.com',
    aliases: ['ap', 'ap news', 'associated press'],
  },
  { name: 'AFP', nameAr: 'فرانس برس', domain: 'afp.com', aliases: ['afp', 'agence france-presse'] },
  {
    name: 'The Guardian',
    domain: 'theguardian.com',
    domains: ['guardian.co.uk'],
    aliases: ['guardian', 'the guardian'],
    language: 'en',
  },
  {
    name: 'The New York Times',
    domain: 'nytimes.com',
    aliases: ['nytimes', 'new york times'],
    language: 'en',
  },
  { name: 'The Washington Post', domain: 'washingtonpost.com', aliases: ['washington post'], language: 'en' },
  { name: 'CNN', domain: 'cnn.com', aliases: ['cnn'], language: 'en' },
  { name: 'Al Jazeera English', domain: 'aljazeera.com', aliases: ['al jazeera english'], language: 'en' },
  { name: 'Arab News', domain: 'arabnews.com', aliases: ['arabnews'], language: 'en' },
  {
    name: 'The National',
    domain: 'thenationalnews.com',
    domains: ['thenational.ae'],
    aliases: ['the national'],
    language: 'en',
  },
  { name: 'Gulf News', domain: 'gulfnews.com', aliases: ['gulfnews'], language: 'en' },
  { name: 'Deutsche Welle', nameAr: 'دويتشه فيله', domain: 'dw.com', aliases: ['dw'] },
  { name: 'Euronews', nameAr: 'يورونيوز', domain: 'euronews.com', aliases: ['euronews'] },
  { name: 'Le Monde', domain: 'lemonde.fr', aliases: ['le monde', 'lemonde'], language: 'fr' },
  { name: 'Le Figaro', domain: 'lefigaro.fr', aliases: ['le figaro', 'lefigaro'], language: 'fr' },
  { name: 'Libération', domain: 'liberation.fr', aliases: ['liberation'], language: 'fr' },
  {
    name: 'RFI',
    nameAr: 'مونت كارلو الدولية',
    domain: 'rfi.fr',
    aliases: ['rfi', 'radio france internationale'],
  },
  { name: 'Jeune Afrique', domain: 'jeuneafrique.com', aliases: ['jeune afrique'], language: 'fr' },
  { name: 'TSA Algérie', domain: 'tsa-algerie.com', aliases: ['tsa'], language: 'fr' },
];
