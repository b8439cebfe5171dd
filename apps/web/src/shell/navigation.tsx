import type { ReactNode } from 'react';
import { DashboardOutlined, AuditOutlined, CalculatorOutlined, AppstoreOutlined, GiftOutlined, SlidersOutlined, ShopOutlined, ApiOutlined } from '@ant-design/icons';
import type { Role } from '@autofin/contracts';
import type { Messages } from '../i18n/zh-CN.ts';
import { FileTextOutlined, SolutionOutlined } from '@ant-design/icons';
import { APPLICATION_READERS } from '../modules/applications/applications.api.ts';
import { REVIEWERS } from '../modules/review/review.api.ts';
import { PROMOTION_READERS } from '../modules/promotions/promotions.api.ts';
import { GRID_PREVIEWERS } from '../modules/pricing/pricing.api.ts';
import { WIDGET_READERS } from '../modules/widgets/widgets.api.ts';
import { DECISIONING_NAV } from '../modules/decisioning/decisioning.api.ts';
import { DeploymentUnitOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { PARTNER_MANAGERS } from '../modules/partners/partners.api.ts';
import { TeamOutlined, ClusterOutlined } from '@ant-design/icons';
import { CUSTOMER_READERS } from '../modules/customers/customers.api.ts';
import { SEGMENT_READERS } from '../modules/segments/segments.api.ts';
import { StopOutlined } from '@ant-design/icons';
import { BLACKLIST_READERS } from '../modules/review/blacklist.api.ts';
import { NotificationOutlined, BranchesOutlined } from '@ant-design/icons';
import { CAMPAIGN_READERS } from '../modules/campaigns/campaigns.api.ts';
import { JOURNEY_READERS } from '../modules/journeys/journeys.api.ts';

export interface NavItem {
  path: string;
  label: keyof Messages['nav'];
  icon: ReactNode;
  /** Roles that may open the area; absent means every signed-in role. */
  roles?: readonly Role[];
}

// Only areas that exist are listed: a context joins the navigation when its page ships.
export const navigation: readonly NavItem[] = [
  { path: '/overview', label: 'overview', icon: <DashboardOutlined /> },
  { path: '/customers', label: 'customers', icon: <TeamOutlined />, roles: CUSTOMER_READERS },
  { path: '/segments', label: 'segments', icon: <ClusterOutlined />, roles: SEGMENT_READERS },
  { path: '/quotes', label: 'quotes', icon: <CalculatorOutlined /> },
  { path: '/applications', label: 'applications', icon: <FileTextOutlined />, roles: APPLICATION_READERS },
  { path: '/review', label: 'review', icon: <SolutionOutlined />, roles: REVIEWERS },
  { path: '/products', label: 'products', icon: <AppstoreOutlined /> },
  { path: '/pricing', label: 'pricing', icon: <SlidersOutlined />, roles: GRID_PREVIEWERS },
  { path: '/promotions', label: 'promotions', icon: <GiftOutlined />, roles: PROMOTION_READERS },
  { path: '/widgets', label: 'widgets', icon: <ShopOutlined />, roles: WIDGET_READERS },
  { path: '/partners', label: 'partners', icon: <ApiOutlined />, roles: PARTNER_MANAGERS },
  { path: '/decisioning/strategy', label: 'decisioningStrategy', icon: <NodeIndexOutlined />, roles: DECISIONING_NAV },
  { path: '/decisioning/models', label: 'decisioningModels', icon: <DeploymentUnitOutlined />, roles: DECISIONING_NAV },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, roles: ['admin', 'compliance'] },
  { path: '/risk-blacklist', label: 'blacklist', icon: <StopOutlined />, roles: BLACKLIST_READERS },
  { path: '/campaigns', label: 'campaigns', icon: <NotificationOutlined />, roles: CAMPAIGN_READERS },
  { path: '/journeys', label: 'journeys', icon: <BranchesOutlined />, roles: JOURNEY_READERS },
];
