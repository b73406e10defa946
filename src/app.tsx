// Routes. The case screens are the mediator's daily tools; guides are public (no account).
// Every screen is a lazy chunk so the first paint stays small: on a phone with a PIN the first
// screen is the unlock pad, and the case list loads while the PIN is typed.
import { LocationProvider, Router, Route, lazy, ErrorBoundary } from 'preact-iso';
import { Shell } from './ui/shell/shell.tsx';
import { LockGate } from './ui/lock/lock-gate.tsx';
import { isDesk } from './ui/desk/desk-mode.ts';
import { Home } from './ui/shell/home.tsx';
import { auditRoute } from './ui/audit/route.ts';

/** A lazy screen that also waits for the rest of the message catalogue (i18n/later.ts). */
function screen<T>(load: () => Promise<T>): Promise<T> {
  return Promise.all([import('./shared/i18n/later.ts'), load()]).then(([, m]) => m);
}

// The list needs only the core catalogue (no screen() wait), and its fetch starts at once.
const caseList = import('./ui/cases/case-list-screen.tsx');
const CaseListScreen = lazy(() => caseList.then((m) => m.CaseListScreen));
const NewCaseScreen = lazy(() => screen(() => import('./ui/cases/new-case-screen.tsx')).then((m) => m.NewCaseScreen));
const CaseDetailScreen = lazy(() => screen(() => import('./ui/cases/case-detail-screen.tsx')).then((m) => m.CaseDetailScreen));
const EditCaseScreen = lazy(() => screen(() => import('./ui/cases/edit-case-screen.tsx')).then((m) => m.EditCaseScreen));
const ReviewScreen = lazy(() => screen(() => import('./ui/review/review-screen.tsx')).then((m) => m.ReviewScreen));
const LoginScreen = lazy(() => screen(() => import('./ui/account/login-screen.tsx')).then((m) => m.LoginScreen));
const DashboardScreen = lazy(() => screen(() => import('./ui/dashboard/dashboard-screen.tsx')).then((m) => m.DashboardScreen));
const DrillScreen = lazy(() => screen(() => import('./ui/dashboard/drill-screen.tsx')).then((m) => m.DrillScreen));
const NetworkScreen = lazy(() => screen(() => import('./ui/network/network-screen.tsx')).then((m) => m.NetworkScreen));
const AreasScreen = lazy(() => screen(() => import('./ui/network/areas-screen.tsx')).then((m) => m.AreasScreen));
const ImportScreen = lazy(() => screen(() => import('./ui/network/import-screen.tsx')).then((m) => m.ImportScreen));
const CaseActionScreen = lazy(() => screen(() => import('./ui/cases/case-action-screen.tsx')).then((m) => m.CaseActionScreen));
const DocumentsScreen = lazy(() => screen(() => import('./ui/documents/documents-screen.tsx')).then((m) => m.DocumentsScreen));
const DocumentScreen = lazy(() => screen(() => import('./ui/documents/document-screen.tsx')).then((m) => m.DocumentScreen));
const TodoScreen = lazy(() => screen(() => import('./ui/todo/todo-screen.tsx')).then((m) => m.TodoScreen));
const StatsScreen = lazy(() => screen(() => import('./ui/stats/my-stats-screen.tsx')).then((m) => m.MyStatsScreen));
const SetupScreen = lazy(() => screen(() => import('./ui/setup/setup-screen.tsx')).then((m) => m.SetupScreen));
const GuidesScreen = lazy(() => screen(() => import('./ui/guides/guides-screen.tsx')).then((m) => m.GuidesScreen));
const GuideScreen = lazy(() => screen(() => import('./ui/guides/guide-screen.tsx')).then((m) => m.GuideScreen));
const ContactsScreen = lazy(() => screen(() => import('./ui/guides/contacts-screen.tsx')).then((m) => m.ContactsScreen));
const HelpScreen = lazy(() => screen(() => import('./ui/guides/help-screen.tsx')).then((m) => m.HelpScreen));
const RequestsScreen = lazy(() => screen(() => import('./ui/requests/requests-screen.tsx')).then((m) => m.RequestsScreen));
const AccountsScreen = lazy(() => screen(() => import('./ui/account/accounts-screen.tsx')).then((m) => m.AccountsScreen));
const NewAccountScreen = lazy(() => screen(() => import('./ui/account/new-account-screen.tsx')).then((m) => m.NewAccountScreen));
const PasswordScreen = lazy(() => screen(() => import('./ui/account/password-screen.tsx')).then((m) => m.PasswordScreen));
const CaseTableScreen = lazy(() => screen(() => import('./ui/desk/case-table-screen.tsx')).then((m) => m.CaseTableScreen));
const DeskHome = lazy(() => screen(() => import('./ui/desk/desk-home.tsx')).then((m) => m.DeskHome));
const DevicesScreen = lazy(() => screen(() => import('./ui/desk/devices-screen.tsx')).then((m) => m.DevicesScreen));
const ScreeningListScreen = lazy(() => screen(() => import('./ui/screening/screening-list-screen.tsx')).then((m) => m.ScreeningListScreen));
const ScreeningFormScreen = lazy(() => screen(() => import('./ui/screening/screening-form-screen.tsx')).then((m) => m.ScreeningFormScreen));
const AlertsScreen = lazy(() => screen(() => import('./ui/alerts/alerts-screen.tsx')).then((m) => m.AlertsScreen));
const AlertFormScreen = lazy(() => screen(() => import('./ui/alerts/alert-form-screen.tsx')).then((m) => m.AlertFormScreen));
const ReferralsScreen = lazy(() => screen(() => import('./ui/referrals/referrals-screen.tsx')).then((m) => m.ReferralsScreen));
const ReferralFormScreen = lazy(() => screen(() => import('./ui/referrals/referral-form-screen.tsx')).then((m) => m.ReferralFormScreen));
const SubsidyScreen = lazy(() => screen(() => import('./ui/subsidy/subsidy-screen.tsx')).then((m) => m.SubsidyScreen));
const SubsidyRulesScreen = lazy(() => screen(() => import('./ui/subsidy/rules-screen.tsx')).then((m) => m.RulesScreen));
const ScoreScreen = lazy(() => screen(() => import('./ui/subsidy/score-screen.tsx')).then((m) => m.ScoreScreen));
const AppraisalScreen = lazy(() => screen(() => import('./ui/subsidy/appraisal-screen.tsx')).then((m) => m.AppraisalScreen));
const AppraisalPageScreen = lazy(() => screen(() => import('./ui/subsidy/appraisal-page.tsx')).then((m) => m.AppraisalPageScreen));
const AuditScreen = lazy(() => screen(() => import('./ui/audit/audit-screen.tsx')).then((m) => m.AuditScreen));
/** `/` is the residents' home or the work home, by device and role (ui/shell/home.tsx). */
const HomeRoute = () => <Home CaseList={WorkHome} land={!isDesk()} />;
const NotFound = lazy(() => screen(() => import('./ui/shell/not-found.tsx')).then((m) => m.NotFound));

/** The work home: the mediator's case list; on the desk, the office's own start (desk-home.tsx). */
function WorkHome() {
  return isDesk() ? <DeskHome /> : <CaseListScreen />;
}

export function App() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <LockGate>
        <Shell>
          <Router>
            <Route path="/" component={HomeRoute} />
            <Route path="/cases" component={CaseTableScreen} />
            <Route path="/devices" component={DevicesScreen} />
            <Route path="/new" component={NewCaseScreen} />
            <Route path="/cases/:id" component={CaseDetailScreen} />
            <Route path="/cases/:id/documents" component={DocumentsScreen} />
            <Route path="/cases/:id/documents/:doc" component={DocumentScreen} />
            <Route path="/cases/:id/edit" component={EditCaseScreen} />
            <Route path="/cases/:id/:action" component={CaseActionScreen} />
            <Route path="/todo" component={TodoScreen} />
            <Route path="/screening" component={ScreeningListScreen} />
            <Route path="/screening/:id" component={ScreeningFormScreen} />
            <Route path="/alerts" component={AlertsScreen} />
            <Route path="/alerts/new" component={AlertFormScreen} />
            <Route path="/referrals" component={ReferralsScreen} />
            <Route path="/referrals/new" component={ReferralFormScreen} />
            <Route path="/review" component={ReviewScreen} />
            <Route path="/requests" component={RequestsScreen} />
            <Route path="/login" component={LoginScreen} />
            <Route path="/accounts" component={AccountsScreen} />
            <Route path={auditRoute.path} component={AuditScreen} />
            <Route path="/accounts/new" component={NewAccountScreen} />
            <Route path="/password" component={PasswordScreen} />
            <Route path="/dashboard" component={DashboardScreen} />
            <Route path="/dashboard/cases" component={DrillScreen} />
            <Route path="/network" component={NetworkScreen} />
            <Route path="/network/areas" component={AreasScreen} />
            <Route path="/import" component={ImportScreen} />
            <Route path="/subsidy" component={SubsidyScreen} />
            <Route path="/subsidy/rules" component={SubsidyRulesScreen} />
            <Route path="/subsidy/cases/:id" component={ScoreScreen} />
            <Route path="/appraisal" component={AppraisalScreen} />
            <Route path="/appraisal/:id" component={AppraisalPageScreen} />
            <Route path="/stats" component={StatsScreen} />
            <Route path="/me" component={SetupScreen} />
            <Route path="/guides" component={GuidesScreen} />
            <Route path="/guides/:slug" component={GuideScreen} />
            <Route path="/help" component={HelpScreen} />
            <Route path="/contacts" component={ContactsScreen} />
            <Route default component={NotFound} />
          </Router>
        </Shell>
        </LockGate>
      </ErrorBoundary>
    </LocationProvider>
  );
}
