// npm run build: the dashboard into client/dashboard/dist, which the server serves at `/`.
import { buildDashboard, DASHBOARD_DIST } from '../server/http/dashboard';

buildDashboard({ force: true }).then(
  () => console.log(`Built the dashboard into ${DASHBOARD_DIST}.`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
