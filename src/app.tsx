// Routes. The case screens are the mediator's daily tools; guides are public (no account).
// Every screen but the list is a lazy chunk so the first paint stays small.
import { LocationProvider, Router, Route, lazy, ErrorBoundary } from 'preact-iso';
import { Shell } from './ui/shell/shell.tsx';
import { CaseListScreen } from './ui/cases/case-list-screen.tsx';

const NewCaseScreen = lazy(() => import('./ui/cases/new-case-screen.tsx').then((m) => m.NewCaseScreen));
const CaseDetailScreen = lazy(() => import('./ui/cases/case-detail-screen.tsx').then((m) => m.CaseDetailScreen));
const CaseActionScreen = lazy(() => import('./ui/cases/case-action-screen.tsx').then((m) => m.CaseActionScreen));
const DocumentsScreen = lazy(() => import('./ui/documents/documents-screen.tsx').then((m) => m.DocumentsScreen));
const DocumentScreen = lazy(() => import('./ui/documents/document-screen.tsx').then((m) => m.DocumentScreen));
const TodoScreen = lazy(() => import('./ui/todo/todo-screen.tsx').then((m) => m.TodoScreen));
const StatsScreen = lazy(() => import('./ui/stats/my-stats-screen.tsx').then((m) => m.MyStatsScreen));
const SetupScreen = lazy(() => import('./ui/setup/setup-screen.tsx').then((m) => m.SetupScreen));
const GuidesScreen = lazy(() => import('./ui/guides/guides-screen.tsx').then((m) => m.GuidesScreen));
const GuideScreen = lazy(() => import('./ui/guides/guide-screen.tsx').then((m) => m.GuideScreen));
const HelpScreen = lazy(() => import('./ui/guides/help-screen.tsx').then((m) => m.HelpScreen));
const NotFound = lazy(() => import('./ui/shell/not-found.tsx').then((m) => m.NotFound));

export function App() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Shell>
          <Router>
            <Route path="/" component={CaseListScreen} />
            <Route path="/new" component={NewCaseScreen} />
            <Route path="/cases/:id" component={CaseDetailScreen} />
            <Route path="/cases/:id/documents" component={DocumentsScreen} />
            <Route path="/cases/:id/documents/:doc" component={DocumentScreen} />
            <Route path="/cases/:id/:action" component={CaseActionScreen} />
            <Route path="/todo" component={TodoScreen} />
            <Route path="/stats" component={StatsScreen} />
            <Route path="/me" component={SetupScreen} />
            <Route path="/guides" component={GuidesScreen} />
            <Route path="/guides/:slug" component={GuideScreen} />
            <Route path="/help" component={HelpScreen} />
            <Route default component={NotFound} />
          </Router>
        </Shell>
      </ErrorBoundary>
    </LocationProvider>
  );
}
