""" Contains all the data models used in inputs/outputs """

from .action_in import ActionIn
from .action_in_action import ActionInAction
from .action_out import ActionOut
from .action_out_outcome_type_0 import ActionOutOutcomeType0
from .action_out_params import ActionOutParams
from .action_out_result import ActionOutResult
from .action_result_out import ActionResultOut
from .activity_in import ActivityIn
from .activity_out import ActivityOut
from .activity_out_unlocked import ActivityOutUnlocked
from .activity_type_create import ActivityTypeCreate
from .activity_type_create_self_report import ActivityTypeCreateSelfReport
from .activity_type_list import ActivityTypeList
from .activity_type_out import ActivityTypeOut
from .activity_type_update import ActivityTypeUpdate
from .activity_type_update_self_report_type_0 import ActivityTypeUpdateSelfReportType0
from .admin_in import AdminIn
from .alert_list import AlertList
from .alert_out import AlertOut
from .alert_out_evidence import AlertOutEvidence
from .alert_out_outcome_type_0 import AlertOutOutcomeType0
from .allowance_out import AllowanceOut
from .api_key_create import ApiKeyCreate
from .api_key_created import ApiKeyCreated
from .api_key_list import ApiKeyList
from .api_key_out import ApiKeyOut
from .arm_out import ArmOut
from .arm_out_program import ArmOutProgram
from .assignment_out import AssignmentOut
from .assignments_out import AssignmentsOut
from .assignments_out_counts import AssignmentsOutCounts
from .attainment_out import AttainmentOut
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_after_type_0 import AuditEntryOutAfterType0
from .audit_entry_out_before_type_0 import AuditEntryOutBeforeType0
from .audit_page import AuditPage
from .award_in import AwardIn
from .award_list import AwardList
from .award_out import AwardOut
from .badge_in import BadgeIn
from .badge_in_params import BadgeInParams
from .badge_in_rule import BadgeInRule
from .badge_in_tier import BadgeInTier
from .badge_list import BadgeList
from .badge_out import BadgeOut
from .badge_out_params import BadgeOutParams
from .badge_update import BadgeUpdate
from .badge_update_params_type_0 import BadgeUpdateParamsType0
from .badge_update_tier_type_0 import BadgeUpdateTierType0
from .batch_body import BatchBody
from .batch_item_out import BatchItemOut
from .batch_out import BatchOut
from .board_out import BoardOut
from .board_out_rank_by import BoardOutRankBy
from .board_out_window import BoardOutWindow
from .board_title import BoardTitle
from .calibration_in import CalibrationIn
from .calibration_out import CalibrationOut
from .cancel_in import CancelIn
from .cause_out import CauseOut
from .channel_create import ChannelCreate
from .channel_create_provider import ChannelCreateProvider
from .channel_create_topics_item import ChannelCreateTopicsItem
from .channel_list import ChannelList
from .channel_out import ChannelOut
from .channel_out_provider import ChannelOutProvider
from .channel_out_topics_item import ChannelOutTopicsItem
from .channel_update import ChannelUpdate
from .channel_update_topics_type_0_item import ChannelUpdateTopicsType0Item
from .contest_create import ContestCreate
from .contest_create_format import ContestCreateFormat
from .contest_create_measure_type_1 import ContestCreateMeasureType1
from .contest_create_measure_type_2_type_1 import ContestCreateMeasureType2Type1
from .contest_create_measure_type_3_type_1 import ContestCreateMeasureType3Type1
from .contest_create_tie_breakers_type_0_item import ContestCreateTieBreakersType0Item
from .contest_list import ContestList
from .contest_out import ContestOut
from .contest_out_state import ContestOutState
from .contest_progress_out import ContestProgressOut
from .contest_progress_out_prize_lines import ContestProgressOutPrizeLines
from .contest_update import ContestUpdate
from .contest_update_format_type_0 import ContestUpdateFormatType0
from .contest_update_measure_type_0 import ContestUpdateMeasureType0
from .contest_update_tie_breakers_type_0_item import ContestUpdateTieBreakersType0Item
from .counted_out import CountedOut
from .created import Created
from .curve_in import CurveIn
from .curve_out import CurveOut
from .day_count_out import DayCountOut
from .defaults_in import DefaultsIn
from .defaults_in_kinds_type_0 import DefaultsInKindsType0
from .defaults_out import DefaultsOut
from .defaults_out_kinds import DefaultsOutKinds
from .deliveries import Deliveries
from .delivery_ack import DeliveryAck
from .delivery_error import DeliveryError
from .device_in import DeviceIn
from .device_in_platform import DeviceInPlatform
from .device_list import DeviceList
from .device_out import DeviceOut
from .digest_out import DigestOut
from .digest_out_headline import DigestOutHeadline
from .display_config import DisplayConfig
from .display_create import DisplayCreate
from .display_list import DisplayList
from .display_out import DisplayOut
from .display_update import DisplayUpdate
from .draft_out import DraftOut
from .engagement_out import EngagementOut
from .entry_out import EntryOut
from .error_body import ErrorBody
from .error_body_details_type_0 import ErrorBodyDetailsType0
from .error_response import ErrorResponse
from .event_out import EventOut
from .event_out_data import EventOutData
from .event_page import EventPage
from .experiment_in import ExperimentIn
from .experiment_in_metric import ExperimentInMetric
from .experiment_in_unit import ExperimentInUnit
from .experiment_list import ExperimentList
from .experiment_out import ExperimentOut
from .experiment_results_out import ExperimentResultsOut
from .fantasy_standing_out import FantasyStandingOut
from .fantasy_team_out import FantasyTeamOut
from .feed_item_out import FeedItemOut
from .feed_item_out_data import FeedItemOutData
from .feed_page import FeedPage
from .get_leaderboard_around_window import GetLeaderboardAroundWindow
from .get_leaderboard_rank_by import GetLeaderboardRankBy
from .get_leaderboard_window import GetLeaderboardWindow
from .health import Health
from .history_out import HistoryOut
from .holder_list import HolderList
from .holder_out import HolderOut
from .holdout_out import HoldoutOut
from .import_out import ImportOut
from .import_row_error import ImportRowError
from .import_row_out import ImportRowOut
from .instant_win_in import InstantWinIn
from .instant_win_list import InstantWinList
from .instant_win_out import InstantWinOut
from .instant_win_patch import InstantWinPatch
from .integration_create import IntegrationCreate
from .integration_create_kind import IntegrationCreateKind
from .integration_event_out import IntegrationEventOut
from .integration_list import IntegrationList
from .integration_out import IntegrationOut
from .integration_update import IntegrationUpdate
from .integration_update_rotate_type_0 import IntegrationUpdateRotateType0
from .kudos_in import KudosIn
from .kudos_list import KudosList
from .kudos_out import KudosOut
from .kudos_settings_out import KudosSettingsOut
from .kudos_settings_update import KudosSettingsUpdate
from .lag import Lag
from .leading_lagging_out import LeadingLaggingOut
from .league_in import LeagueIn
from .league_out import LeagueOut
from .league_summary import LeagueSummary
from .leagues_out import LeaguesOut
from .ledger_entry_out import LedgerEntryOut
from .ledger_entry_out_change_type_0 import LedgerEntryOutChangeType0
from .ledger_entry_out_self_report_type_0 import LedgerEntryOutSelfReportType0
from .ledger_page import LedgerPage
from .level_settings_in import LevelSettingsIn
from .level_settings_out import LevelSettingsOut
from .lift_out import LiftOut
from .link_out import LinkOut
from .list_integration_events_status_type_1 import ListIntegrationEventsStatusType1
from .list_integration_events_status_type_2_type_1 import ListIntegrationEventsStatusType2Type1
from .list_integration_events_status_type_3_type_1 import ListIntegrationEventsStatusType3Type1
from .list_my_redemptions_state_type_1 import ListMyRedemptionsStateType1
from .list_my_redemptions_state_type_2_type_1 import ListMyRedemptionsStateType2Type1
from .list_my_redemptions_state_type_3_type_1 import ListMyRedemptionsStateType3Type1
from .list_redemptions_state_type_1 import ListRedemptionsStateType1
from .list_redemptions_state_type_2_type_1 import ListRedemptionsStateType2Type1
from .list_redemptions_state_type_3_type_1 import ListRedemptionsStateType3Type1
from .list_users_role_type_0 import ListUsersRoleType0
from .login_in import LoginIn
from .logout_in import LogoutIn
from .map_rule import MapRule
from .map_rule_object import MapRuleObject
from .map_rule_on import MapRuleOn
from .matchup_out import MatchupOut
from .me_out import MeOut
from .metric_attainment_out import MetricAttainmentOut
from .mission_out import MissionOut
from .missions_out import MissionsOut
from .mixed_team_out import MixedTeamOut
from .mixed_team_out_reps_per_arm import MixedTeamOutRepsPerArm
from .mode_in import ModeIn
from .mode_in_mode import ModeInMode
from .mode_out import ModeOut
from .my_level_out import MyLevelOut
from .my_target_out import MyTargetOut
from .note_in import NoteIn
from .note_list import NoteList
from .note_out import NoteOut
from .note_out_evidence import NoteOutEvidence
from .notification_out import NotificationOut
from .notification_out_data import NotificationOutData
from .notification_page import NotificationPage
from .org_create import OrgCreate
from .org_create_week_start import OrgCreateWeekStart
from .org_created import OrgCreated
from .org_out import OrgOut
from .org_update import OrgUpdate
from .org_update_week_start_type_0 import OrgUpdateWeekStartType0
from .outcomes_out import OutcomesOut
from .owner_mapping import OwnerMapping
from .owner_out import OwnerOut
from .pace_out import PaceOut
from .pair_in import PairIn
from .pair_out import PairOut
from .password_change import PasswordChange
from .period_out import PeriodOut
from .pick_in import PickIn
from .pick_out import PickOut
from .preferences_in import PreferencesIn
from .preferences_in_kinds_type_0 import PreferencesInKindsType0
from .preferences_out import PreferencesOut
from .preferences_out_kinds import PreferencesOutKinds
from .presence_out import PresenceOut
from .privacy_out import PrivacyOut
from .prize_in import PrizeIn
from .prize_out import PrizeOut
from .profile_out import ProfileOut
from .program_in import ProgramIn
from .quiet_hours import QuietHours
from .rank_out import RankOut
from .reaction_in import ReactionIn
from .reaction_out import ReactionOut
from .reactions_out import ReactionsOut
from .read_in import ReadIn
from .read_out import ReadOut
from .recalculate import Recalculate
from .redemption_list import RedemptionList
from .redemption_out import RedemptionOut
from .redemption_out_state import RedemptionOutState
from .refresh_in import RefreshIn
from .rep_engagement_out import RepEngagementOut
from .rep_missions_out import RepMissionsOut
from .result_out import ResultOut
from .results_out import ResultsOut
from .results_out_state import ResultsOutState
from .reversal_out import ReversalOut
from .revoke_in import RevokeIn
from .reward_create import RewardCreate
from .reward_list import RewardList
from .reward_out import RewardOut
from .reward_update import RewardUpdate
from .rules import Rules
from .rules_types import RulesTypes
from .scoped_mode_out import ScopedModeOut
from .session_list import SessionList
from .session_out import SessionOut
from .settings_in import SettingsIn
from .settings_out import SettingsOut
from .span_out import SpanOut
from .standing_out import StandingOut
from .standings_out import StandingsOut
from .standings_out_state import StandingsOutState
from .status_out import StatusOut
from .status_out_rejected import StatusOutRejected
from .streak_out import StreakOut
from .streak_settings import StreakSettings
from .streak_settings_update import StreakSettingsUpdate
from .suggestion_out import SuggestionOut
from .suggestions_out import SuggestionsOut
from .summary_out import SummaryOut
from .target_entry_out import TargetEntryOut
from .target_in import TargetIn
from .targets_in import TargetsIn
from .targets_in_period import TargetsInPeriod
from .targets_out import TargetsOut
from .targets_set_out import TargetsSetOut
from .team_create import TeamCreate
from .team_habits_out import TeamHabitsOut
from .team_in import TeamIn
from .team_list import TeamList
from .team_member_out import TeamMemberOut
from .team_out import TeamOut
from .team_update import TeamUpdate
from .template_in import TemplateIn
from .template_in_metric import TemplateInMetric
from .template_list import TemplateList
from .template_out import TemplateOut
from .template_update import TemplateUpdate
from .today_missions_out import TodayMissionsOut
from .tokens_out import TokensOut
from .tv_visibility_in import TvVisibilityIn
from .tv_visibility_out import TvVisibilityOut
from .user_create import UserCreate
from .user_create_role import UserCreateRole
from .user_import import UserImport
from .user_list import UserList
from .user_out import UserOut
from .user_out_role import UserOutRole
from .user_update import UserUpdate
from .user_update_role_type_0 import UserUpdateRoleType0
from .variant_in import VariantIn
from .version_out import VersionOut
from .wallet_out import WalletOut
from .week_out import WeekOut
from .weights_in import WeightsIn
from .weights_in_activity_xp import WeightsInActivityXp
from .weights_in_bonus_xp import WeightsInBonusXp
from .weights_out import WeightsOut
from .weights_out_activity_xp import WeightsOutActivityXp
from .weights_out_bonus_xp import WeightsOutBonusXp

__all__ = (
    "ActionIn",
    "ActionInAction",
    "ActionOut",
    "ActionOutOutcomeType0",
    "ActionOutParams",
    "ActionOutResult",
    "ActionResultOut",
    "ActivityIn",
    "ActivityOut",
    "ActivityOutUnlocked",
    "ActivityTypeCreate",
    "ActivityTypeCreateSelfReport",
    "ActivityTypeList",
    "ActivityTypeOut",
    "ActivityTypeUpdate",
    "ActivityTypeUpdateSelfReportType0",
    "AdminIn",
    "AlertList",
    "AlertOut",
    "AlertOutEvidence",
    "AlertOutOutcomeType0",
    "AllowanceOut",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyList",
    "ApiKeyOut",
    "ArmOut",
    "ArmOutProgram",
    "AssignmentOut",
    "AssignmentsOut",
    "AssignmentsOutCounts",
    "AttainmentOut",
    "AuditEntryOut",
    "AuditEntryOutAfterType0",
    "AuditEntryOutBeforeType0",
    "AuditPage",
    "AwardIn",
    "AwardList",
    "AwardOut",
    "BadgeIn",
    "BadgeInParams",
    "BadgeInRule",
    "BadgeInTier",
    "BadgeList",
    "BadgeOut",
    "BadgeOutParams",
    "BadgeUpdate",
    "BadgeUpdateParamsType0",
    "BadgeUpdateTierType0",
    "BatchBody",
    "BatchItemOut",
    "BatchOut",
    "BoardOut",
    "BoardOutRankBy",
    "BoardOutWindow",
    "BoardTitle",
    "CalibrationIn",
    "CalibrationOut",
    "CancelIn",
    "CauseOut",
    "ChannelCreate",
    "ChannelCreateProvider",
    "ChannelCreateTopicsItem",
    "ChannelList",
    "ChannelOut",
    "ChannelOutProvider",
    "ChannelOutTopicsItem",
    "ChannelUpdate",
    "ChannelUpdateTopicsType0Item",
    "ContestCreate",
    "ContestCreateFormat",
    "ContestCreateMeasureType1",
    "ContestCreateMeasureType2Type1",
    "ContestCreateMeasureType3Type1",
    "ContestCreateTieBreakersType0Item",
    "ContestList",
    "ContestOut",
    "ContestOutState",
    "ContestProgressOut",
    "ContestProgressOutPrizeLines",
    "ContestUpdate",
    "ContestUpdateFormatType0",
    "ContestUpdateMeasureType0",
    "ContestUpdateTieBreakersType0Item",
    "CountedOut",
    "Created",
    "CurveIn",
    "CurveOut",
    "DayCountOut",
    "DefaultsIn",
    "DefaultsInKindsType0",
    "DefaultsOut",
    "DefaultsOutKinds",
    "Deliveries",
    "DeliveryAck",
    "DeliveryError",
    "DeviceIn",
    "DeviceInPlatform",
    "DeviceList",
    "DeviceOut",
    "DigestOut",
    "DigestOutHeadline",
    "DisplayConfig",
    "DisplayCreate",
    "DisplayList",
    "DisplayOut",
    "DisplayUpdate",
    "DraftOut",
    "EngagementOut",
    "EntryOut",
    "ErrorBody",
    "ErrorBodyDetailsType0",
    "ErrorResponse",
    "EventOut",
    "EventOutData",
    "EventPage",
    "ExperimentIn",
    "ExperimentInMetric",
    "ExperimentInUnit",
    "ExperimentList",
    "ExperimentOut",
    "ExperimentResultsOut",
    "FantasyStandingOut",
    "FantasyTeamOut",
    "FeedItemOut",
    "FeedItemOutData",
    "FeedPage",
    "GetLeaderboardAroundWindow",
    "GetLeaderboardRankBy",
    "GetLeaderboardWindow",
    "Health",
    "HistoryOut",
    "HolderList",
    "HolderOut",
    "HoldoutOut",
    "ImportOut",
    "ImportRowError",
    "ImportRowOut",
    "InstantWinIn",
    "InstantWinList",
    "InstantWinOut",
    "InstantWinPatch",
    "IntegrationCreate",
    "IntegrationCreateKind",
    "IntegrationEventOut",
    "IntegrationList",
    "IntegrationOut",
    "IntegrationUpdate",
    "IntegrationUpdateRotateType0",
    "KudosIn",
    "KudosList",
    "KudosOut",
    "KudosSettingsOut",
    "KudosSettingsUpdate",
    "Lag",
    "LeadingLaggingOut",
    "LeagueIn",
    "LeagueOut",
    "LeaguesOut",
    "LeagueSummary",
    "LedgerEntryOut",
    "LedgerEntryOutChangeType0",
    "LedgerEntryOutSelfReportType0",
    "LedgerPage",
    "LevelSettingsIn",
    "LevelSettingsOut",
    "LiftOut",
    "LinkOut",
    "ListIntegrationEventsStatusType1",
    "ListIntegrationEventsStatusType2Type1",
    "ListIntegrationEventsStatusType3Type1",
    "ListMyRedemptionsStateType1",
    "ListMyRedemptionsStateType2Type1",
    "ListMyRedemptionsStateType3Type1",
    "ListRedemptionsStateType1",
    "ListRedemptionsStateType2Type1",
    "ListRedemptionsStateType3Type1",
    "ListUsersRoleType0",
    "LoginIn",
    "LogoutIn",
    "MapRule",
    "MapRuleObject",
    "MapRuleOn",
    "MatchupOut",
    "MeOut",
    "MetricAttainmentOut",
    "MissionOut",
    "MissionsOut",
    "MixedTeamOut",
    "MixedTeamOutRepsPerArm",
    "ModeIn",
    "ModeInMode",
    "ModeOut",
    "MyLevelOut",
    "MyTargetOut",
    "NoteIn",
    "NoteList",
    "NoteOut",
    "NoteOutEvidence",
    "NotificationOut",
    "NotificationOutData",
    "NotificationPage",
    "OrgCreate",
    "OrgCreated",
    "OrgCreateWeekStart",
    "OrgOut",
    "OrgUpdate",
    "OrgUpdateWeekStartType0",
    "OutcomesOut",
    "OwnerMapping",
    "OwnerOut",
    "PaceOut",
    "PairIn",
    "PairOut",
    "PasswordChange",
    "PeriodOut",
    "PickIn",
    "PickOut",
    "PreferencesIn",
    "PreferencesInKindsType0",
    "PreferencesOut",
    "PreferencesOutKinds",
    "PresenceOut",
    "PrivacyOut",
    "PrizeIn",
    "PrizeOut",
    "ProfileOut",
    "ProgramIn",
    "QuietHours",
    "RankOut",
    "ReactionIn",
    "ReactionOut",
    "ReactionsOut",
    "ReadIn",
    "ReadOut",
    "Recalculate",
    "RedemptionList",
    "RedemptionOut",
    "RedemptionOutState",
    "RefreshIn",
    "RepEngagementOut",
    "RepMissionsOut",
    "ResultOut",
    "ResultsOut",
    "ResultsOutState",
    "ReversalOut",
    "RevokeIn",
    "RewardCreate",
    "RewardList",
    "RewardOut",
    "RewardUpdate",
    "Rules",
    "RulesTypes",
    "ScopedModeOut",
    "SessionList",
    "SessionOut",
    "SettingsIn",
    "SettingsOut",
    "SpanOut",
    "StandingOut",
    "StandingsOut",
    "StandingsOutState",
    "StatusOut",
    "StatusOutRejected",
    "StreakOut",
    "StreakSettings",
    "StreakSettingsUpdate",
    "SuggestionOut",
    "SuggestionsOut",
    "SummaryOut",
    "TargetEntryOut",
    "TargetIn",
    "TargetsIn",
    "TargetsInPeriod",
    "TargetsOut",
    "TargetsSetOut",
    "TeamCreate",
    "TeamHabitsOut",
    "TeamIn",
    "TeamList",
    "TeamMemberOut",
    "TeamOut",
    "TeamUpdate",
    "TemplateIn",
    "TemplateInMetric",
    "TemplateList",
    "TemplateOut",
    "TemplateUpdate",
    "TodayMissionsOut",
    "TokensOut",
    "TvVisibilityIn",
    "TvVisibilityOut",
    "UserCreate",
    "UserCreateRole",
    "UserImport",
    "UserList",
    "UserOut",
    "UserOutRole",
    "UserUpdate",
    "UserUpdateRoleType0",
    "VariantIn",
    "VersionOut",
    "WalletOut",
    "WeekOut",
    "WeightsIn",
    "WeightsInActivityXp",
    "WeightsInBonusXp",
    "WeightsOut",
    "WeightsOutActivityXp",
    "WeightsOutBonusXp",
)
