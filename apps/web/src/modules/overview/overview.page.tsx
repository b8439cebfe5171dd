import { useMemo } from 'react';
import { Alert, Button, Col, Row, Tag, Tooltip, Typography } from 'antd';
import {
  TeamOutlined,
  ShopOutlined,
  FileTextOutlined,
  CarOutlined,
  PayCircleOutlined,
  WalletOutlined,
  WarningOutlined,
  ExperimentOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/page.tsx';
import { StatCard } from '../../ui/stat-card.tsx';
import { Chart } from '../../ui/chart.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { formatCount, formatMoney, formatMoneyCompact, formatRate } from '../../ui/format.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { fetchOverview } from './overview.api.ts';
import {
  applicationsByStatusOption,
  customersByCityTierOption,
  delinquencyOption,
  fundedByMonthOption,
  splitDelinquency,
  loansByFuelOption,
} from './overview.charts.ts';

export function OverviewPage() {
  const { t } = useTranslation();
  const { locale, messages } = useLocale();
  const errorMessage = useErrorMessage();
  const [state, reload] = useLoad(fetchOverview);
  const data = state.data;
  const loading = state.status === 'loading' && !data;

  const ctx = useMemo(() => ({ m: messages, locale }), [messages, locale]);
  const delinquency = useMemo(() => (data ? splitDelinquency(data.delinquency.buckets) : null), [data]);
  const options = useMemo(
    () =>
      data
        ? {
            status: applicationsByStatusOption(data.applicationsByStatus, ctx),
            month: fundedByMonthOption(data.fundedByMonth, ctx),
            delinquency: delinquencyOption(splitDelinquency(data.delinquency.buckets).pastDue, ctx),
            fuel: loansByFuelOption(data.loansByFuel, ctx),
            tier: customersByCityTierOption(data.customersByCityTier, ctx),
          }
        : null,
    [data, ctx],
  );

  const count = (n: number | undefined) => (n === undefined ? '–' : formatCount(n, locale));
  const rate = data?.delinquency.rate30Plus;

  return (
    <Page
      testId="overview-page"
      title={t('overview.title')}
      subtitle={t('overview.subtitle')}
      tags={
        data?.demoData ? (
          <Tooltip title={t('overview.demoDataHint')}>
            <Tag icon={<ExperimentOutlined />} color="orange" className="demo-tag" data-testid="demo-data">
              {t('overview.demoData')}
            </Tag>
          </Tooltip>
        ) : null
      }
      extra={
        <>
          {data ? (
            <Typography.Text type="secondary" className="overview__time">
              {t('overview.generatedAt', { time: dayjs(data.generatedAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={reload} loading={state.status === 'loading' && !!data}>
            {t('overview.refresh')}
          </Button>
        </>
      }
    >
      {state.status === 'error' ? (
        <Alert
          type="error"
          showIcon
          message={t('common.loadFailed')}
          description={errorMessage(state.error)}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
          className="page__alert"
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <StatCard testId="kpi-customers" label={t('overview.kpi.customers')} value={count(data?.customers)} icon={<TeamOutlined />} tone="blue" loading={loading} />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard testId="kpi-dealers" label={t('overview.kpi.dealers')} value={count(data?.dealers)} icon={<ShopOutlined />} tone="cyan" loading={loading} />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard testId="kpi-applications" label={t('overview.kpi.applications')} value={count(data?.applications)} icon={<FileTextOutlined />} tone="purple" loading={loading} />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <StatCard testId="kpi-loans" label={t('overview.kpi.loans')} value={count(data?.loans)} icon={<CarOutlined />} tone="green" loading={loading} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <StatCard
            testId="kpi-funded"
            label={t('overview.kpi.fundedAmount')}
            value={data ? formatMoney(data.fundedAmount) : '–'}
            note={data ? `≈ ${formatMoneyCompact(data.fundedAmount, locale)}` : undefined}
            icon={<PayCircleOutlined />}
            tone="blue"
            loading={loading}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <StatCard
            testId="kpi-outstanding"
            label={t('overview.kpi.outstandingPrincipal')}
            value={data ? formatMoney(data.outstandingPrincipal) : '–'}
            note={data ? `≈ ${formatMoneyCompact(data.outstandingPrincipal, locale)}` : undefined}
            icon={<WalletOutlined />}
            tone="slate"
            loading={loading}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <StatCard
            testId="kpi-delinquency"
            label={t('overview.kpi.delinquency')}
            note={t('overview.kpi.delinquencyHint')}
            value={rate === undefined ? '–' : formatRate(rate)}
            icon={<WarningOutlined />}
            tone={rate !== undefined && rate >= 0.05 ? 'red' : 'orange'}
            loading={loading}
          />
        </Col>
      </Row>

      <Row gutter={[16, 16]} className="overview__charts">
        <Col xs={24} xl={16}>
          <Chart
            testId="chart-funded-by-month"
            title={t('overview.charts.fundedByMonth')}
            option={options?.month ?? {}}
            loading={loading}
            empty={!!data && data.fundedByMonth.length === 0}
            emptyText={t('overview.charts.noData')}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Chart
            testId="chart-loans-by-fuel"
            title={t('overview.charts.loansByFuel')}
            option={options?.fuel ?? {}}
            loading={loading}
            empty={!!data && data.loansByFuel.length === 0}
            emptyText={t('overview.charts.noData')}
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            testId="chart-applications-by-status"
            title={t('overview.charts.applicationsByStatus')}
            option={options?.status ?? {}}
            height={320}
            loading={loading}
            empty={!!data && data.applicationsByStatus.length === 0}
            emptyText={t('overview.charts.noData')}
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            testId="chart-delinquency"
            title={t('overview.charts.delinquencyBuckets')}
            option={options?.delinquency ?? {}}
            extra={
              delinquency?.current ? (
                <Typography.Text type="secondary" className="chart-card__extra">
                  {t('overview.charts.currentLoans', { count: formatCount(delinquency.current.loans, locale) })}
                </Typography.Text>
              ) : null
            }
            height={320}
            loading={loading}
            empty={!!delinquency && delinquency.pastDue.length === 0}
            emptyText={t('overview.charts.noData')}
          />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <Chart
            testId="chart-city-tier"
            title={t('overview.charts.customersByCityTier')}
            option={options?.tier ?? {}}
            height={320}
            loading={loading}
            empty={!!data && data.customersByCityTier.length === 0}
            emptyText={t('overview.charts.noData')}
          />
        </Col>
      </Row>
    </Page>
  );
}
