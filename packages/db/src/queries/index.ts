export { deleteAlertRule, setAlertRuleEnabled } from './alert-rule-admin.ts';
export {
  type Alert,
  type AlertFilters,
  type AlertRule,
  type AlertRuleInput,
  computeSpikes,
  computeSpikesOf,
  DEFAULT_SPIKE_RULE,
  detectSpike,
  evaluateAlertRules,
  listAlertRules,
  listAlerts,
  markAlertDelivered,
  SPIKE_HISTORY_DAYS,
  type SpikeCheck,
  type SpikePoint,
  type SpikeRule,
  type SpikeScope,
  upsertAlertRule,
} from './alerts.ts';
export {
  bucketRange,
  digestArticles,
  getArticle,
  getArticleByUrl,
  listArticles,
  listRawDocuments,
} from './articles.ts';
export { getTotals, listLanguages, listOutlets, listTopics } from './catalog.ts';
export {
  type CompareKind,
  type CompareSeries,
  type CompareSpec,
  compareCoverage,
  compareFilters,
  compareKey,
  outputFilters,
} from './compare.ts';
export { type CoverageStack, countArticles, countCoverage, getDateRange } from './coverage.ts';
export { EXPORT_COLUMNS, type ExportRow, iterateExportRows } from './export.ts';
export {
  countOutletWeeks,
  HEATMAP_GAP_WEEKS,
  HEATMAP_MAX_WEEKS,
  type HeatmapOutlet,
  type OutletWeeks,
} from './heatmap.ts';
export { keepAnswer } from './kept-answers.ts';
export {
  emptyRunStats,
  finishRun,
  isProcessAlive,
  listFailures,
  listRuns,
  type RunOwner,
  recordFailure,
  resolveFailures,
  type SettleOptions,
  settleInterruptedRuns,
  startRun,
  startSourceRun,
} from './runs.ts';
export {
  type FoldedDocument,
  findHighlights,
  foldDocument,
  matchesSearch,
  type ParsedSearch,
  parseSearch,
  type SearchNode,
  SearchSyntaxError,
} from './search.ts';
export { ensureSearchIndex, isSearchIndexMissing } from './search-index.ts';
export { countShare, type SharePoint } from './share.ts';
export {
  type FailingSource,
  listSourceFailureDays,
  type SourceFailureDay,
  type SourceHealthFilters,
} from './source-health-days.ts';
export {
  addDashboardSource,
  deleteDashboardSource,
  getSource,
  getSourceByName,
  listDashboardSources,
  listSourceHealth,
  listSources,
  originOf,
  SourceChangeError,
  type SourceDay,
  type SourceHealth,
  type SourceHealthList,
  type SourcePatch,
  type SyncFileSourcesResult,
  syncFileSources,
  updateDashboardSource,
  updateSourceState,
  upsertSource,
} from './sources.ts';
export {
  dedupeKeyOf,
  rebuildRollups,
  recountRollups,
  type StoreArticlesOptions,
  storeArticles,
} from './store.ts';
export {
  type AssignStoriesOptions,
  assignMissingStories,
  assignStories,
  forgetStoryIndex,
  getStory,
  getStoryIdOfArticle,
  listStories,
  STORY_MAX_SPAN_DAYS,
  STORY_WINDOW_DAYS,
  type StoryArticle,
  type StoryDetail,
  type StoryFilters,
  type StoryOutlet,
  type StoryPage,
  type StorySpread,
  type StorySummary,
} from './stories.ts';
export {
  type ApplySubjectModelOptions,
  type ApplySubjectModelResult,
  applySubjectModel,
  countLabelledArticles,
  createSubjectTargetTokens,
  getSubjectModel,
  isSubjectModelDue,
  listSubjectTargetIds,
  pickSubjects,
  pickTokenizedSubjects,
  planSubjectTraining,
  prepareSubjectModel,
  type RefreshSubjectsOptions,
  type RefreshSubjectsResult,
  refreshSubjects,
  type StoredSubjectModel,
  type SubjectPick,
  type SubjectTargetTokens,
  type SubjectTrainingPlan,
  type TokenizedArticles,
  type TrainSubjectModelOptions,
  type TrainSubjectModelResult,
  tokenizeSubjectArticles,
  tokenizeSubjectTargets,
  trainSubjectModel,
} from './subjects.ts';
export { listTopTerms, type TopTerms } from './terms.ts';
export * from './types.ts';
export * from './watch-topics.ts';
export {
  addSourceItemCounts,
  GIVEN_UP,
  giveUpFailures,
  listGivenUpFailures,
  listPendingFailureLocations,
  listStoredUrls,
} from './worker-state.ts';
