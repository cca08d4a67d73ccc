// The interface in English and Arabic: a dictionary, no library. English strings are the keys (so the
// code reads as it renders), and `ar` must translate every one of them: `MessageKey` is its key set, so
// a label without a translation is a type error, not a silently English word in an Arabic page.
//
// The choice lives in a cookie, not the URL: the URL carries the filters and is what analysts share, and
// a colleague opening a shared link should see it in their own language. A cookie also reaches the server,
// which sets <html lang dir> before the first paint, so an Arabic page never flashes left-to-right.

export const locales = ['en', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const localeCookie = 'rasid-lang';

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/** The tag given to Intl: British English dates ("18 Feb 2018"); Arabic with its own digits and months. */
export const intlTag = (locale: Locale): string => (locale === 'ar' ? 'ar' : 'en-GB');

export function readLocale(value: string | null | undefined): Locale {
  return (locales as readonly string[]).includes(value ?? '') ? (value as Locale) : 'en';
}

const ar = {
  '(untitled)': '(بلا عنوان)',
  'About this article': 'عن هذا المقال',
  'All articles': 'كل المقالات',
  'All languages': 'كل اللغات',
  'All matching articles, with their full text.': 'كل المقالات المطابقة، بنصوصها الكاملة.',
  'All outlets': 'كل الوسائل الإعلامية',
  'All topics': 'كل المواضيع',
  'All {articles} that match, with their full text.': 'كل المطابق ({articles})، بالنص الكامل.',
  'All {n} shown.': 'عُرضت كلها ({n}).',
  'An article can have several topics, so these bars may add up to more than the total.':
    'قد يحمل المقال أكثر من موضوع، لذا قد يزيد مجموع هذه الأعمدة على العدد الكلي.',
  'Article not found': 'المقال غير موجود',
  Article: 'مقال',
  'Articles by {items}': 'المقالات حسب {items}',
  Articles: 'المقالات',
  'Articles per day': 'المقالات في اليوم',
  'Articles per week': 'المقالات في الأسبوع',
  'Articles per month': 'المقالات في الشهر',
  Bucket: 'الفترة',
  'By outlet': 'حسب الوسيلة الإعلامية',
  'By topic': 'حسب الموضوع',
  'by outlet': 'حسب الوسيلة الإعلامية',
  'by topic': 'حسب الموضوع',
  'by language': 'حسب اللغة',
  'Charts for these filters': 'الرسوم البيانية لهذه المرشِّحات',
  'Check that the dashboard server is running and RASID_DB points at the database, then reload.':
    'تحقّق من أن خادم لوحة المتابعة يعمل وأن RASID_DB يشير إلى قاعدة البيانات، ثم أعد تحميل الصفحة.',
  'Clear filters': 'مسح المرشِّحات',
  'Collected from': 'جُمع من',
  'Colours by outlet': 'الألوان حسب الوسيلة الإعلامية',
  'Colours by topic': 'الألوان حسب الموضوع',
  'Colours by language': 'الألوان حسب اللغة',
  'Configured sources': 'المصادر المُعدّة',
  Copies: 'النسخ',
  'Could not load articles': 'تعذّر تحميل المقالات',
  'Could not load outlets': 'تعذّر تحميل الوسائل الإعلامية',
  'Could not load runs': 'تعذّر تحميل عمليات الجمع',
  'Could not load the article': 'تعذّر تحميل المقال',
  'Could not load the chart': 'تعذّر تحميل الرسم البياني',
  'Could not load the dashboard': 'تعذّر تحميل لوحة المتابعة',
  'Could not load topics': 'تعذّر تحميل المواضيع',
  'Counting articles…': 'جارٍ عدّ المقالات…',
  'Counting…': 'جارٍ العدّ…',
  'Coverage over time': 'التغطية عبر الزمن',
  'Coverage overview': 'نظرة عامة على التغطية',
  'Date source': 'مصدر التاريخ',
  'Date unknown — first seen {day}': 'التاريخ غير معروف — رُصد أول مرة في {day}',
  Date: 'التاريخ',
  Day: 'يوم',
  'Days covered': 'الأيام المغطّاة',
  Duplicates: 'المكرّرات',
  'Excel, Sheets, R, pandas': 'Excel وSheets وR وpandas',
  Export: 'تصدير',
  Failed: 'فشلت',
  Filters: 'المرشِّحات',
  'First seen {day}': 'رُصد أول مرة في {day}',
  'First seen': 'أول رصد',
  From: 'من',
  'Go back to the article list.': 'عُد إلى قائمة المقالات.',
  'Ingest a folder of .txt, .html, .json or .jsonl files by running this from the repository root, then reload this page:':
    'اجمع مجلدًا من ملفات ‎.txt أو ‎.html أو ‎.json أو ‎.jsonl بتشغيل هذا الأمر من جذر المستودع، ثم أعد تحميل الصفحة:',
  'In the database': 'في قاعدة البيانات',
  Input: 'المُدخل',
  'Interface language': 'لغة الواجهة',
  Interrupted: 'انقطعت',
  Kind: 'النوع',
  Language: 'اللغة',
  'Last error': 'آخر خطأ',
  'Last run': 'آخر تشغيل',
  'Leave out syndicated copies and near-duplicates: each text counts once.':
    'يستبعد النسخ المُعاد نشرها والنصوص شبه المطابقة: يُحسب كل نص مرة واحدة.',
  'Load more ({shown} of {total} shown)': 'عرض المزيد (معروض {shown} من {total})',
  'Loading articles…': 'جارٍ تحميل المقالات…',
  'Loading runs…': 'جارٍ تحميل عمليات الجمع…',
  'Loading the article…': 'جارٍ تحميل المقال…',
  'Loading…': 'جارٍ التحميل…',
  Location: 'الموقع',
  Main: 'التنقل الرئيسي',
  'Matching articles': 'المقالات المطابقة',
  'Media monitoring: how much each outlet writes, on which topics, over time.':
    'رصد إعلامي: كم تكتب كل وسيلة إعلامية، وفي أي المواضيع، وعلى مدى الزمن.',
  Month: 'شهر',
  Name: 'الاسم',
  'Narrowed to': 'مقصور على',
  New: 'جديدة',
  'No articles match these filters': 'لا مقالات تطابق هذه المرشِّحات',
  'No articles match': 'لا مقالات مطابقة',
  'No articles yet': 'لا مقالات بعد',
  'No outlet': 'بلا وسيلة إعلامية',
  'No topic': 'بلا موضوع',
  'No language': 'لغة غير معروفة',
  'No outlets yet.': 'لا وسائل إعلامية بعد.',
  'No runs recorded yet.': 'لم تُسجَّل أي عملية جمع بعد.',
  'No scheduled sources': 'لا مصادر مجدولة',
  'No topics on these articles': 'لا مواضيع لهذه المقالات',
  None: 'بلا',
  'None: every input the worker read was stored or recognised as a duplicate.':
    'لا شيء: كل ما قرأه العامل خُزّن أو عُرف أنه مكرّر.',
  'Nothing collected yet': 'لم يُجمع شيء بعد',
  'Open the list.': 'افتح القائمة.',
  Original: 'الأصل',
  'Other ({n})': 'غير ذلك ({n})',
  OK: 'نجحت',
  Outlet: 'الوسيلة الإعلامية',
  'Outlet: {name}': 'الوسيلة: {name}',
  Outlets: 'الوسائل الإعلامية',
  Overview: 'نظرة عامة',
  'Page not found': 'الصفحة غير موجودة',
  'Partly failed': 'فشلت جزئيًا',
  Problem: 'المشكلة',
  Published: 'تاريخ النشر',
  Rasid: 'راصد',
  Read: 'قُرئت',
  'Recent runs': 'آخر عمليات الجمع',
  'Remove {name}': 'إزالة {name}',
  Run: 'العملية',
  Running: 'قيد التشغيل',
  Schedule: 'الجدولة',
  Search: 'بحث',
  Section: 'القسم',
  'Section, as the outlet files it': 'قسم، كما تصنّفه الوسيلة الإعلامية',
  Sections: 'الأقسام',
  'Sections (as the outlet files them)': 'الأقسام (كما تصنّفها الوسيلة الإعلامية)',
  Seen: 'رُصدت',
  'Show all articles instead': 'اعرض كل المقالات بدلًا من ذلك',
  'Show all {n} {items}': 'اعرض كل {items} ({n})',
  'Show the numbers': 'اعرض الأرقام',
  'Show the top {n}': 'اعرض أول {n}',
  'Something went wrong on this page': 'حدث خطأ في هذه الصفحة',
  Sources: 'المصادر',
  'Sources and runs': 'المصادر وعمليات الجمع',
  // Sources page: adding, editing and the health of each source.
  'Add a source': 'إضافة مصدر',
  'Add source': 'أضف المصدر',
  'Delete the source (its articles stay)': 'احذف المصدر (تبقى مقالاته)',
  'Edit it in rasid.sources.json': 'عدّله في rasid.sources.json',
  Enabled: 'مُفعّل',
  Failing: 'متعطّل',
  Failures: 'الإخفاقات',
  'Feed (RSS, Atom, JSON Feed)': 'خلاصة (RSS أو Atom أو JSON Feed)',
  Sitemap: 'خريطة موقع',
  'Single page': 'صفحة واحدة',
  'Folder or file': 'مجلد أو ملف',
  'Folder or file path (absolute)': 'مسار المجلد أو الملف (كاملًا)',
  'Given up': 'متروكة',
  Health: 'الحالة',
  Items: 'العناصر',
  'Language (optional)': 'اللغة (اختياري)',
  'Last success': 'آخر نجاح',
  'Never run': 'لم يعمل بعد',
  'Offline, or a site cannot be reached? Put the articles in a folder (.txt, .html, .json or .jsonl files, gzipped too) and add it above as a source of kind “folder”, with the folder’s full path: the worker collects it without a network.':
    'لا اتصال، أو تعذّر الوصول إلى موقع؟ ضع المقالات في مجلد (ملفات ‎.txt أو ‎.html أو ‎.json أو ‎.jsonl، مضغوطة أيضًا) وأضفه أعلاه مصدرًا من نوع «مجلد أو ملف» بمساره الكامل: يجمعه العامل دون شبكة.',
  'Outlet (optional)': 'الوسيلة (اختياري)',
  'Schedule (cron, UTC)': 'الجدول (cron، بتوقيت UTC)',
  Source: 'المصدر',
  'Sources come from the sources file (rasid.sources.json, edited by hand) and from this page. The worker collects both; the ones added here can be edited and deleted here, and deleting one keeps its articles.':
    'تأتي المصادر من ملف المصادر (rasid.sources.json، يُحرَّر يدويًا) ومن هذه الصفحة. يجمع العامل من كليهما؛ وما أُضيف هنا يُعدَّل ويُحذف هنا، وحذف مصدر يُبقي مقالاته.',
  'Stored per day (last 30 days)': 'المخزَّن يوميًا (آخر 30 يومًا)',
  URL: 'الرابط',
  'Waiting for a retry': 'بانتظار إعادة المحاولة',
  'Pages for the next runs': 'صفحات للتشغيلات التالية',
  'Pages the last run listed but left, by its per-run cap, for the next runs':
    'صفحات أدرجها التشغيل الأخير وتركها للتشغيلات التالية بسبب حدّ الصفحات في كل تشغيل',
  'added here': 'أُضيف هنا',
  'from the sources file': 'من ملف المصادر',
  '{day}: no run': '{day}: لا عملية جمع',
  '{day}: {new} new, {duplicate} duplicates, {failed} failed items, {failedRuns} failed runs of {runs}':
    '{day}: {new} جديد، {duplicate} مكرر، {failed} عنصر فشل، {failedRuns} عملية فاشلة من {runs}',
  '{n} articles stored in the last {days} days': '{n} مقال خُزّن في آخر {days} يومًا',
  '{n} new in {days} days': '{n} جديد في {days} يومًا',
  '{n} of {total} sources read over the network are failing: {names}':
    '{n} من {total} مصادر تُقرأ عبر الشبكة متعطّلة: {names}',
  '“{name}” added: the worker collects it at its next start, or within 30 seconds if it is running.':
    'أُضيف «{name}»: يجمعه العامل عند تشغيله التالي، أو خلال 30 ثانية إن كان يعمل.',
  'Stack by': 'التجميع حسب',
  'Start again without filters': 'ابدأ من جديد بلا مرشِّحات',
  Started: 'البدء',
  Status: 'الحالة',
  Subject: 'موضوع',
  Subjects: 'المواضيع',
  'The server refused this request: correct the parameter named above, or clear the filters.':
    'رفض الخادم هذا الطلب: صحّح المُعامل المذكور أعلاه، أو امسح المرشِّحات.',
  'These filters cannot be applied': 'لا يمكن تطبيق هذه المرشِّحات',
  'Clear the search': 'امسح البحث',
  'The link may be old. Go to the': 'ربما يكون الرابط قديمًا. انتقل إلى',
  'The parser found no subject or section for them.': 'لم يجد المحلّل لها موضوعًا ولا قسمًا.',
  'The parser kept no body text for this article.': 'لم يحتفظ المحلّل بأي نص لهذا المقال.',
  'There is no article {id} in this database (it may come from another database).':
    'لا يوجد مقال رقمه {id} في قاعدة البيانات هذه (ربما جاء من قاعدة بيانات أخرى).',
  'This link has a filter the dashboard cannot read': 'في هذا الرابط مرشِّح لا تستطيع لوحة المتابعة قراءته',
  'This link has a parameter the dashboard cannot read': 'في هذا الرابط مُعامل لا تستطيع لوحة المتابعة قراءته',
  'To add articles once, run this from the repository root, with a file or folder of .txt, .html, .json or .jsonl files (gzipped too):':
    'لإضافة مقالات مرة واحدة، شغّل هذا الأمر من جذر المستودع، مع ملف أو مجلد من ملفات ‎.txt أو ‎.html أو ‎.json أو ‎.jsonl (المضغوطة أيضًا):',
  'To collect on a schedule, add the folder or feed to rasid.sources.json (or the file named by RASID_SOURCES) and start the worker:':
    'للجمع وفق جدول، أضف المجلد أو الخلاصة إلى rasid.sources.json (أو إلى الملف الذي يحدده RASID_SOURCES) ثم شغّل العامل:',
  To: 'إلى',
  Topic: 'الموضوع',
  'Topic: {name}': 'الموضوع: {name}',
  Topics: 'المواضيع',
  Total: 'المجموع',
  Totals: 'الأعداد الكلية',
  'Try again': 'أعد المحاولة',
  'Unique texts only': 'النصوص الفريدة فقط',
  'Unknown language': 'لغة غير معروفة',
  'Unresolved failures': 'إخفاقات لم تُحلّ',
  Updated: 'حُدّثت',
  Week: 'أسبوع',
  'Week of {day}': 'أسبوع {day}',
  'Week {key}': 'الأسبوع {key}',
  'Watch lists': 'قوائم المتابعة',
  What: 'المُدخلات',
  When: 'متى',
  'Widen the dates, pick other outlets or topics, or clear the search.':
    'وسّع نطاق التواريخ، أو اختر وسائل إعلامية أو مواضيع أخرى، أو امسح البحث.',
  'Widen the dates, remove a narrowing above, or clear the search.':
    'وسّع نطاق التواريخ، أو أزل أحد القيود أعلاه، أو امسح البحث.',
  'Words in title or text, e.g. اسرائيل': 'كلمات في العنوان أو النص، مثل: اسرائيل',
  'and {n} more': 'و{n} غيرها',
  'article list': 'قائمة المقالات',
  disabled: 'معطّل',
  'from a <time> element on the page': 'من عنصر <time> في الصفحة',
  'from the date in the URL': 'من التاريخ الوارد في الرابط',
  'from the feed entry': 'من مدخل الخلاصة',
  'from the page’s meta tags': 'من وسوم meta في الصفحة',
  'from the page’s structured data (JSON-LD)': 'من البيانات المهيكلة في الصفحة (JSON-LD)',
  'from the record’s date field': 'من حقل التاريخ في السجل',
  'known to the {precision}': 'معروف بدقة: {precision}',
  'left to right': 'من اليسار إلى اليمين',
  manual: 'يدوي',
  never: 'أبدًا',
  'no URL (collected from a file)': 'بلا رابط (جُمع من ملف)',
  'no date in the article': 'لا تاريخ في المقال',
  'no date in the article; charts count it on that day':
    'لا تاريخ في المقال؛ تعدّه الرسوم البيانية في ذلك اليوم',
  'none found': 'لم يُعثر على شيء',
  'none written': 'لم يُذكر',
  'one array': 'مصفوفة واحدة',
  'one article per line': 'مقال واحد في كل سطر',
  'or the': 'أو إلى',
  outlets: 'الوسائل الإعلامية',
  overview: 'النظرة العامة',
  'right to left': 'من اليمين إلى اليسار',
  section: 'قسم',
  'so far': 'حتى الآن',
  'so far: today is not over (UTC)': 'حتى الآن: اليوم لم ينتهِ بعد (بالتوقيت العالمي)',
  'source: {source}': 'المصدر: {source}',
  topics: 'المواضيع',
  'undated articles count on the day first seen': 'المقالات غير المؤرّخة تُعدّ في يوم رصدها الأول',
  'worked out from relative words in the text (e.g. “yesterday”)':
    'مستنتج من كلمات نسبية في النص (مثل «أمس»)',
  'written in the article text': 'مكتوب في نص المقال',
  '{bucket} is not over yet (UTC): its bar, drawn paler, counts the articles collected so far.':
    '{bucket} لم ينتهِ بعد (بالتوقيت العالمي): عموده الباهت يعدّ ما جُمع حتى الآن فقط.',
  '{n} languages (from the link)': '{n} لغات (من الرابط)',
  '{n} topics (from the link)': '{n} مواضيع (من الرابط)',
  // Watch topics, alert rules from the Alerts page, and the admin token.
  'A search': 'بحث',
  'A topic': 'موضوع',
  'A watch topic is a named search, written as in the search box (AND, OR, NOT, "phrases", title:, Arabic-folded). It is applied to every stored article when saved and to new articles as the worker stores them, and it filters the charts, lists, exports and alert rules like any topic.':
    'موضوع المتابعة بحث له اسم، يُكتب كما في مربع البحث (AND وOR وNOT و"العبارات" وtitle:، مع توحيد أشكال الحروف العربية). يُطبَّق على كل المقالات المخزّنة عند حفظه، وعلى المقالات الجديدة حين يخزّنها العامل، ويُرشِّح الرسوم البيانية والقوائم والتصدير وقواعد التنبيه مثل أي موضوع.',
  Actions: 'الإجراءات',
  'Add a rule with the form above (or npx rasid alerts add): its spike days are listed here at once, and the worker checks it again after every pass.':
    'أضف قاعدة بالنموذج أعلاه (أو بالأمر npx rasid alerts add): تظهر أيام قفزاتها هنا فورًا، ويعيد العامل فحصها بعد كل جولة جمع.',
  'Add rule': 'أضف القاعدة',
  'Admin token (RASID_ADMIN_TOKEN), kept in this tab only':
    'رمز المشرف (RASID_ADMIN_TOKEN)، يُحفظ في هذا التبويب فقط',
  'An outlet': 'وسيلة إعلامية',
  'Applying to every article…': 'جارٍ التطبيق على كل المقالات…',
  'At least': 'على الأقل',
  Cancel: 'إلغاء',
  'Changes are turned off': 'التعديلات معطّلة',
  'Could not load watch topics': 'تعذّر تحميل مواضيع المتابعة',
  Create: 'أنشئ',
  Delete: 'احذف',
  'Delete it and its alert rules': 'احذفه مع قواعد تنبيهه',
  'Delete it and its alerts': 'احذفها مع تنبيهاتها',
  Disable: 'عطّل',
  Edit: 'عدّل',
  Enable: 'فعّل',
  Keep: 'أبقِ',
  'Name a search above to follow it across every outlet.': 'سمِّ بحثًا أعلاه لتتابعه في كل الوسائل الإعلامية.',
  'New watch topic': 'موضوع متابعة جديد',
  'No watch topics yet': 'لا مواضيع متابعة بعد',
  'Pick one…': 'اختر واحدًا…',
  Query: 'الاستعلام',
  Save: 'احفظ',
  'Saved for this tab.': 'حُفظ لهذا التبويب.',
  'Standard deviations': 'الانحرافات المعيارية',
  'Use this token': 'استخدم هذا الرمز',
  'Watch topics': 'مواضيع المتابعة',
  'Webhook (optional)': 'عنوان الإشعار webhook (اختياري)',
  'e.g. المغرب (اسرائيل OR إسرائيل)': 'مثلًا: المغرب (اسرائيل OR إسرائيل)',
  '“{name}” matches {n} stored articles.': '«{name}» يطابق {n} من المقالات المخزّنة.',
  // Top terms on the overview.
  'Articles using each word, among the newest {sampled} of {total} selected.':
    'عدد المقالات التي تستعمل كل كلمة، من أحدث {sampled} من {total} مختارة.',
  'Could not load the top terms': 'تعذّر تحميل أكثر الكلمات تداولًا',
  'No term is used by two of these articles': 'لا كلمة تستعملها مقالتان من هذه المقالات',
  'Top terms': 'أكثر الكلمات تداولًا',
  // Stories and alerts.
  'A rule watches everything, an outlet, a topic or a search, and raises an alert on a day with far more articles than the 14 days before. The overview marks such days for any filters.':
    'تراقب القاعدة كل شيء أو وسيلة إعلامية أو موضوعًا أو بحثًا، وتُطلق تنبيهًا في يوم تزيد فيه المقالات كثيرًا على الأيام الأربعة عشر السابقة. وتُعلِّم النظرة العامة هذه الأيام لأي مرشِّحات.',
  'About this story': 'عن هذه القصة',
  'Add a rule with upsertAlertRule (from @rasid/db/queries) against this database; evaluateAlertRules then writes its spike days here.':
    'أضف قاعدة بالدالة upsertAlertRule (من @rasid/db/queries) على قاعدة البيانات هذه؛ ثم تكتب evaluateAlertRules أيام القفزات هنا.',
  'Alerts appear here once a rule exists and a day it watches jumps.':
    'تظهر التنبيهات هنا حين توجد قاعدة ويقفز عدد المقالات في يوم تراقبه.',
  'Alerts raised': 'التنبيهات المُطلَقة',
  Alerts: 'التنبيهات',
  'All stories': 'كل القصص',
  'Any number of outlets': 'أي عدد من الوسائل الإعلامية',
  'Articles from different outlets about the same event, grouped as they are collected.':
    'مقالات من وسائل إعلامية مختلفة عن الحدث نفسه، تُجمَع معًا أثناء جمعها.',
  'Articles in the order they were published': 'المقالات بترتيب نشرها',
  'Could not load alerts': 'تعذّر تحميل التنبيهات',
  'Could not load stories': 'تعذّر تحميل القصص',
  'Could not load the story': 'تعذّر تحميل القصة',
  Days: 'الأيام',
  Delivered: 'التسليم',
  Everything: 'كل شيء',
  'First to publish': 'أول من نشر',
  'Go back to the stories.': 'العودة إلى القصص.',
  'Largest first': 'الأكبر أولًا',
  'Loading stories…': 'جارٍ تحميل القصص…',
  'Loading the story…': 'جارٍ تحميل القصة…',
  'Most recent first': 'الأحدث أولًا',
  Next: 'التالي',
  'No alert rules yet': 'لا قواعد تنبيه بعد',
  'No alerts raised': 'لم يُطلَق أي تنبيه',
  'No day has jumped under the rules yet, or they have not been evaluated since the last articles came in.':
    'لم يقفز أي يوم وفق القواعد بعد، أو لم تُقيَّم منذ وصول آخر المقالات.',
  'No spike in these dates: no day has far more articles than the {n} days before.':
    'لا قفزات في هذه التواريخ: لا يوم تزيد مقالاته كثيرًا على الأيام الـ{n} السابقة.',
  'No stories in these dates or outlets': 'لا قصص في هذه التواريخ أو الوسائل الإعلامية',
  'No story is told by two outlets in these dates or outlets':
    'لا قصة ترويها وسيلتان إعلاميتان في هذه التواريخ أو الوسائل الإعلامية',
  Order: 'الترتيب',
  Pages: 'الصفحات',
  Previous: 'السابق',
  Rule: 'القاعدة',
  Rules: 'القواعد',
  'Search: {q}': 'البحث: {q}',
  'Show stories told by one outlet too': 'اعرض القصص التي ترويها وسيلة واحدة أيضًا',
  Size: 'الحجم',
  'Spread per day and outlet': 'الانتشار حسب اليوم والوسيلة الإعلامية',
  State: 'الحالة',
  Stories: 'القصص',
  'Story not found': 'القصة غير موجودة',
  Story: 'القصة',
  'There is no story {id} in this database: stories are renumbered when articles are re-collected.':
    'لا توجد القصة {id} في قاعدة البيانات هذه: يُعاد ترقيم القصص حين يُعاد جمع المقالات.',
  Title: 'العنوان',
  'Told by {outlets}': 'ترويها {outlets}',
  'Told by': 'ترويها',
  'Two outlets or more': 'وسيلتان إعلاميتان أو أكثر',
  Usual: 'المعتاد',
  Watches: 'تراقب',
  Webhook: 'عنوان الإشعار (webhook)',
  'Widen the dates or pick another outlet, or show the stories told by one outlet too.':
    'وسّع نطاق التواريخ أو اختر وسيلة إعلامية أخرى، أو اعرض القصص التي ترويها وسيلة واحدة أيضًا.',
  'Widen the dates or pick another outlet.': 'وسّع نطاق التواريخ أو اختر وسيلة إعلامية أخرى.',
  'about {mean}': 'نحو {mean}',
  'copy of another member': 'نسخة من مقال آخر في القصة',
  enabled: 'مفعّلة',
  'no webhook': 'بلا عنوان إشعار',
  none: 'لا شيء',
  'not yet': 'ليس بعد',
  'over the mean + {k} standard deviations, and at least {min}':
    'فوق المتوسط + {k} انحرافات معيارية، و{min} على الأقل',
  'spike on {day}: {count} against about {mean} a day in the {n} days before':
    'قفزة في {day}: {count} مقابل نحو {mean} في اليوم خلال الأيام الـ{n} السابقة',
  'told by any number of outlets': 'ترويها أي عدد من الوسائل الإعلامية',
  'told by two outlets or more': 'ترويها وسيلتان إعلاميتان أو أكثر',
  yes: 'نعم',
  '{articles} by this outlet': '{articles} من هذه الوسيلة الإعلامية',
  '{from}–{to} of {total}': '{from}–{to} من {total}',
  '{n} unique': '{n} فريدة',
  '{spikes}: days with far more articles than the {n} days before (over the mean + {k} standard deviations, and at least {min}).':
    '{spikes}: أيام تزيد مقالاتها كثيرًا على الأيام الـ{n} السابقة (فوق المتوسط + {k} انحرافات معيارية، و{min} على الأقل).',
  // Comparisons, shares, the heat map and failing sources (overview).
  'Add a series to compare': 'أضف سلسلة للمقارنة',
  'Add searches, topics or outlets above: each becomes a line, counted with the dates and other filters of this page.':
    'أضف عمليات بحث أو مواضيع أو وسائل إعلامية أعلاه: تصبح كلٌّ منها خطًّا يُعدّ بتواريخ هذه الصفحة ومرشِّحاتها الأخرى.',
  'Add to the comparison': 'أضف إلى المقارنة',
  'All matching articles': 'كل المقالات المطابقة',
  'Articles per outlet and week: {outlets}, {weeks}': 'المقالات لكل وسيلة إعلامية وأسبوع: {outlets}، {weeks}',
  'Choose one to compare.': 'اختر ما تريد مقارنته.',
  'Choose…': 'اختر…',
  Compare: 'مقارنة',
  'Compare by': 'قارن حسب',
  'Compared series': 'السلاسل المقارَنة',
  'Could not load the comparison': 'تعذّر تحميل المقارنة',
  'Could not load the heat map': 'تعذّر تحميل الخريطة الحرارية',
  'Darker is more articles (the darkest cell: {max}). Arrow keys move between cells; Enter opens one.':
    'الأغمق يعني مقالات أكثر (أغمق خانة: {max}). تنقّل بين الخانات بمفاتيح الأسهم، واضغط Enter لفتح إحداها.',
  '{n} of {days}': '{n} من {days}',
  'A source was also failing on {days} outside these dates ({dates}); widen the dates to see them.':
    'وتعطّل مصدر أيضًا في {days} خارج هذه التواريخ ({dates})؛ وسّع التواريخ لرؤيتها.',
  'Tab to the points, then use the arrow keys to move along a line and between lines; Enter opens a point’s articles.':
    'انتقل بمفتاح Tab إلى النقاط، ثم تنقّل على الخط وبين الخطوط بمفاتيح الأسهم، واضغط Enter لفتح مقالات النقطة.',
  'Each line is an outlet’s matching articles as a share of all its own articles in that period.':
    'كل خط هو نسبة المقالات المطابقة لدى وسيلة إعلامية من كل مقالاتها هي في تلك الفترة.',
  'Each line is the share of its outlets’ own output: matching articles divided by all articles of the same outlets in that period.':
    'كل خط هو نسبة من إنتاج وسائله الإعلامية نفسها: المقالات المطابقة مقسومة على كل مقالات الوسائل نفسها في تلك الفترة.',
  'Each series keeps this page’s dates and filters and replaces only its own search, topic or outlet.':
    'تحتفظ كل سلسلة بتواريخ هذه الصفحة ومرشِّحاتها، ولا تستبدل إلا بحثها أو موضوعها أو وسيلتها الإعلامية.',
  Measure: 'المقياس',
  'Nothing compared yet': 'لا مقارنة بعد',
  'Only the latest weeks are shown, from {day}; narrow the dates to see earlier ones.':
    'تظهر أحدث الأسابيع فقط، ابتداءً من {day}؛ ضيّق نطاق التواريخ لرؤية ما قبلها.',
  'Outlets by week': 'الوسائل الإعلامية حسب الأسبوع',
  'Remove the comparisons': 'أزل المقارنات',
  'Search: {query}': 'بحث: {query}',
  'Series (press to show or hide)': 'السلاسل (اضغط للإظهار أو الإخفاء)',
  'Shaded: {days} on which a source was failing ({sources}). Fewer articles there may be a gap in collection, not silence.':
    'المظلَّل: {days} تعطّل فيها مصدر ({sources}). قلّة المقالات هناك قد تكون فجوة في الجمع لا صمتًا.',
  'Share of output': 'النسبة من الإنتاج',
  'Split by': 'التقسيم حسب',
  'The line is the matching articles as a share of all articles of the chosen outlets in that period. Split by outlet to see each outlet’s own share.':
    'الخط هو نسبة المقالات المطابقة من كل مقالات الوسائل الإعلامية المختارة في تلك الفترة. قسّم حسب الوسيلة الإعلامية لترى نسبة كل وسيلة من إنتاجها.',
  'This link has a comparison the dashboard cannot read':
    'في هذا الرابط مقارنة لا تستطيع لوحة المتابعة قراءتها',
  'This series is already in the chart.': 'هذه السلسلة موجودة في الرسم البياني.',
  'Type a search to compare.': 'اكتب بحثًا للمقارنة.',
  'collection failing on {days} ({sources}): articles may be missing':
    'تعطّل الجمع في {days} ({sources}): قد تكون هناك مقالات ناقصة',
  'e.g. غزة OR رفح': 'مثلًا: غزة OR رفح',
  '{weeks} with no matching article, before {day}': '{weeks} بلا مقالات مطابقة، قبل {day}',
} as const;

export type MessageKey = keyof typeof ar;

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

// Counted phrases: Arabic has six plural forms (zero, one, two, few, many, other), English two.
const plurals = {
  articles: {
    en: { one: '{n} article', other: '{n} articles' },
    ar: { one: 'مقال واحد', two: 'مقالان', few: '{n} مقالات', many: '{n} مقالًا', other: '{n} مقال' },
  },
  outlets: {
    en: { one: '{n} outlet', other: '{n} outlets' },
    ar: {
      one: 'وسيلة إعلامية واحدة',
      two: 'وسيلتان إعلاميتان',
      few: '{n} وسائل إعلامية',
      many: '{n} وسيلة إعلامية',
      other: '{n} وسيلة إعلامية',
    },
  },
  'documents collected': {
    en: { one: '{n} document collected', other: '{n} documents collected' },
    ar: {
      one: 'وثيقة واحدة مجمّعة',
      two: 'وثيقتان مجمّعتان',
      few: '{n} وثائق مجمّعة',
      many: '{n} وثيقة مجمّعة',
      other: '{n} وثيقة مجمّعة',
    },
  },
  stories: {
    en: { one: '{n} story', other: '{n} stories' },
    ar: { one: 'قصة واحدة', two: 'قصتان', few: '{n} قصص', many: '{n} قصة', other: '{n} قصة' },
  },
  'spike days': {
    en: { one: '{n} spike day', other: '{n} spike days' },
    ar: {
      one: 'يوم قفزة واحد',
      two: 'يوما قفزة',
      few: '{n} أيام قفزة',
      many: '{n} يوم قفزة',
      other: '{n} يوم قفزة',
    },
  },
  days: {
    en: { one: '{n} day', other: '{n} days' },
    ar: { one: 'يوم واحد', two: 'يومان', few: '{n} أيام', many: '{n} يومًا', other: '{n} يوم' },
  },
  weeks: {
    en: { one: '{n} week', other: '{n} weeks' },
    ar: { one: 'أسبوع واحد', two: 'أسبوعان', few: '{n} أسابيع', many: '{n} أسبوعًا', other: '{n} أسبوع' },
  },
  months: {
    en: { one: '{n} month', other: '{n} months' },
    ar: { one: 'شهر واحد', two: 'شهران', few: '{n} أشهر', many: '{n} شهرًا', other: '{n} شهر' },
  },
} as const satisfies Record<string, Record<Locale, PluralForms>>;

export type PluralKey = keyof typeof plurals;

function fill(template: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The label in `locale`, with `{name}` placeholders filled. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  return fill(locale === 'ar' ? ar[key] : key, vars);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** "3 articles" / "٣ مقالات": the plural form for `count`, with the count as the locale writes it. */
export function translatePlural(locale: Locale, key: PluralKey, count: number, shown: string): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(intlTag(locale));
    pluralRules.set(locale, rules);
  }
  const forms: PluralForms = plurals[key][locale];
  return fill(forms[rules.select(count)] ?? forms.other, { n: shown });
}
