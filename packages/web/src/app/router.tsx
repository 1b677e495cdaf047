/**
 * The routes. Sign-in, home and the scorecard pages are in the main bundle so
 * the scorecard paints fast; the KPI detail (ECharts), strategy map, catalog
 * and imports load on first visit.
 */
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from '../features/auth/require-auth';
import { SignInPage } from '../features/auth/sign-in-page';
import { NotAllowedPage, NotFoundPage, RouteErrorPage } from '../features/errors/error-pages';
import { HomePage } from '../features/home/home-page';
import { NodeBrowserPage } from '../features/scorecards/node-browser-page';
import { ScorecardPage } from '../features/scorecards/scorecard-page';
import { LoadingState } from '../ui/states';

export function createRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage />, errorElement: <RouteErrorPage /> },
    {
      path: '/',
      element: <RequireAuth />,
      errorElement: <RouteErrorPage />,
      // Shown while a lazily loaded page's code arrives on the first load.
      hydrateFallbackElement: <LoadingState label="the page" />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'scorecards', element: <NodeBrowserPage /> },
        { path: 'scorecards/:node', element: <ScorecardPage /> },
        { path: 'kpis', lazy: () => import('../features/kpis/kpi-catalog-page').then((m) => ({ Component: m.KpiCatalogPage })) },
        { path: 'kpis/:id', lazy: () => import('../features/kpis/kpi-detail-page').then((m) => ({ Component: m.KpiDetailPage })) },
        {
          path: 'strategy-map',
          lazy: () => import('../features/strategy-map/strategy-map-page').then((m) => ({ Component: m.MyStrategyMapPage })),
        },
        {
          path: 'strategy-map/:node',
          lazy: () => import('../features/strategy-map/strategy-map-page').then((m) => ({ Component: m.StrategyMapPage })),
        },
        { path: 'imports', lazy: () => import('../features/imports/imports-page').then((m) => ({ Component: m.ImportsPage })) },
        { path: 'not-allowed', element: <NotAllowedPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
