import { render } from 'preact';
import { lazy, LocationProvider, Route, Router } from 'preact-iso';
import { MATRIX, matrixVariables } from './api/matrix';
import { prefetchQuery } from './api/use-query';
import { Layout } from './components/layout';
import { HomePage } from './pages/home-page';
import './styles.css';

// Each page is its own chunk: the home page does not load the graph drawing or the spreadsheet writer.
const MatrixPage = lazy(() => import('./pages/matrix-page').then((m) => m.MatrixPage));
const NodePage = lazy(() => import('./pages/node-page').then((m) => m.NodePage));
const OverlapPage = lazy(() => import('./pages/overlap-page').then((m) => m.OverlapPage));
const PathsPage = lazy(() => import('./pages/paths-page').then((m) => m.PathsPage));
const CoveragePage = lazy(() => import('./pages/coverage-page').then((m) => m.CoveragePage));
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => m.NotFoundPage));

// The matrix is the heaviest first view: its grid query starts now, while the page's chunk is still on its
// way, instead of after it (the page then takes the answer from the same request).
if (location.pathname === '/matrix') prefetchQuery(MATRIX, matrixVariables(Object.fromEntries(new URLSearchParams(location.search))));

function App() {
  return (
    <LocationProvider>
      <Layout>
        <Router>
          <Route path="/" component={HomePage} />
          <Route path="/matrix" component={MatrixPage} />
          <Route path="/node/:id+" component={NodePage} />
          <Route path="/overlap" component={OverlapPage} />
          <Route path="/paths" component={PathsPage} />
          <Route path="/coverage" component={CoveragePage} />
          <Route default component={NotFoundPage} />
        </Router>
      </Layout>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
