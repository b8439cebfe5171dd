import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@autofin/contracts';
import { LocaleProvider } from './i18n/locale-provider.tsx';
import { SessionProvider, useCurrentUser, hasAnyRole } from './modules/auth/session.tsx';
import { RequireAuth } from './modules/auth/require-auth.tsx';
import { LoginPage } from './modules/auth/login.page.tsx';
import { AppLayout } from './shell/app-layout.tsx';
import { OverviewPage } from './modules/overview/overview.page.tsx';
import { AuditPage } from './modules/audit/audit.page.tsx';
import { QuotesPage } from './modules/quotes/quotes.page.tsx';
import { ApplicationsPage } from './modules/applications/applications.page.tsx';
import { ApplicationPage } from './modules/applications/application.page.tsx';
import { APPLICATION_READERS } from './modules/applications/applications.api.ts';
import { ReviewQueuePage } from './modules/review/review-queue.page.tsx';
import { ReviewPage } from './modules/review/review.page.tsx';
import { REVIEWERS } from './modules/review/review.api.ts';
import { BlacklistPage } from './modules/review/blacklist.page.tsx';
import { BLACKLIST_READERS } from './modules/review/blacklist.api.ts';
import { ProductsPage } from './modules/products/products.page.tsx';
import { PromotionsPage } from './modules/promotions/promotions.page.tsx';
import { PROMOTION_READERS } from './modules/promotions/promotions.api.ts';
import { PricingPage } from './modules/pricing/pricing.page.tsx';
import { GRID_PREVIEWERS } from './modules/pricing/pricing.api.ts';
import { WidgetsPage } from './modules/widgets/widgets.page.tsx';
import { WIDGET_READERS } from './modules/widgets/widgets.api.ts';
import { ModelsPage } from './modules/decisioning/models.page.tsx';
import { ModelPage } from './modules/decisioning/model.page.tsx';
import { StrategyPage } from './modules/decisioning/strategy.page.tsx';
import { DECISIONING_READERS } from './modules/decisioning/decisioning.api.ts';
import { PartnersPage } from './modules/partners/partners.page.tsx';
import { PARTNER_MANAGERS } from './modules/partners/partners.api.ts';
import { CustomersPage } from './modules/customers/customers.page.tsx';
import { CustomerPage } from './modules/customers/customer.page.tsx';
import { CUSTOMER_READERS } from './modules/customers/customers.api.ts';
import { SegmentsPage } from './modules/segments/segments.page.tsx';
import { SEGMENT_READERS } from './modules/segments/segments.api.ts';
import { CampaignsPage } from './modules/campaigns/campaigns.page.tsx';
import { CampaignPage } from './modules/campaigns/campaign.page.tsx';
import { CampaignSummaryPage } from './modules/campaigns/campaign-summary.page.tsx';
import { CampaignSettingsPage } from './modules/campaigns/campaign-settings.page.tsx';
import { CAMPAIGN_READERS } from './modules/campaigns/campaigns.api.ts';
import { JourneysPage } from './modules/journeys/journeys.page.tsx';
import { JourneyPage } from './modules/journeys/journey.page.tsx';
import { JOURNEY_READERS } from './modules/journeys/journeys.api.ts';

/** Shows a 403 for a page the user's roles may not open (reached by typing its address). */
function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  const { t } = useTranslation();
  if (!hasAnyRole(user, roles)) return <Result status="403" title="403" subTitle={t('errors.FORBIDDEN')} />;
  return <>{children}</>;
}

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<Navigate to="/overview" replace />} />
              <Route path="/overview" element={<OverviewPage />} />
              <Route
                path="/customers"
                element={
                  <RequireRole roles={CUSTOMER_READERS}>
                    <CustomersPage />
                  </RequireRole>
                }
              />
              <Route
                path="/customers/:customerId"
                element={
                  <RequireRole roles={CUSTOMER_READERS}>
                    <CustomerPage />
                  </RequireRole>
                }
              />
              <Route
                path="/segments"
                element={
                  <RequireRole roles={SEGMENT_READERS}>
                    <SegmentsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/audit"
                element={
                  <RequireRole roles={['admin', 'compliance']}>
                    <AuditPage />
                  </RequireRole>
                }
              />
              <Route path="/quotes" element={<QuotesPage />} />
              <Route
                path="/applications"
                element={
                  <RequireRole roles={APPLICATION_READERS}>
                    <ApplicationsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/applications/:applicationId"
                element={
                  <RequireRole roles={APPLICATION_READERS}>
                    <ApplicationPage />
                  </RequireRole>
                }
              />
              <Route
                path="/review"
                element={
                  <RequireRole roles={REVIEWERS}>
                    <ReviewQueuePage />
                  </RequireRole>
                }
              />
              <Route
                path="/review/:applicationId"
                element={
                  <RequireRole roles={REVIEWERS}>
                    <ReviewPage />
                  </RequireRole>
                }
              />
              <Route
                path="/risk-blacklist"
                element={
                  <RequireRole roles={BLACKLIST_READERS}>
                    <BlacklistPage />
                  </RequireRole>
                }
              />
              <Route path="/products" element={<ProductsPage />} />
              <Route
                path="/pricing"
                element={
                  <RequireRole roles={GRID_PREVIEWERS}>
                    <PricingPage />
                  </RequireRole>
                }
              />
              <Route
                path="/promotions"
                element={
                  <RequireRole roles={PROMOTION_READERS}>
                    <PromotionsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/widgets"
                element={
                  <RequireRole roles={WIDGET_READERS}>
                    <WidgetsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/partners"
                element={
                  <RequireRole roles={PARTNER_MANAGERS}>
                    <PartnersPage />
                  </RequireRole>
                }
              />
              <Route
                path="/decisioning/models"
                element={
                  <RequireRole roles={DECISIONING_READERS}>
                    <ModelsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/decisioning/models/:id"
                element={
                  <RequireRole roles={DECISIONING_READERS}>
                    <ModelPage />
                  </RequireRole>
                }
              />
              <Route
                path="/decisioning/strategy"
                element={
                  <RequireRole roles={DECISIONING_READERS}>
                    <StrategyPage />
                  </RequireRole>
                }
              />
              <Route
                path="/campaigns"
                element={
                  <RequireRole roles={CAMPAIGN_READERS}>
                    <CampaignsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/campaigns/summary"
                element={
                  <RequireRole roles={CAMPAIGN_READERS}>
                    <CampaignSummaryPage />
                  </RequireRole>
                }
              />
              <Route
                path="/campaigns/settings"
                element={
                  <RequireRole roles={CAMPAIGN_READERS}>
                    <CampaignSettingsPage />
                  </RequireRole>
                }
              />
              <Route
                path="/campaigns/:campaignId"
                element={
                  <RequireRole roles={CAMPAIGN_READERS}>
                    <CampaignPage />
                  </RequireRole>
                }
              />
              <Route
                path="/journeys"
                element={
                  <RequireRole roles={JOURNEY_READERS}>
                    <JourneysPage />
                  </RequireRole>
                }
              />
              <Route
                path="/journeys/:journeyId"
                element={
                  <RequireRole roles={JOURNEY_READERS}>
                    <JourneyPage />
                  </RequireRole>
                }
              />
              <Route path="*" element={<Navigate to="/overview" replace />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </LocaleProvider>
  );
}
