import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, Tag, Typography } from 'antd';
import { LockOutlined, MailOutlined, CheckCircleFilled, ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DemoInfo, LoginRequest } from '@autofin/contracts';
import { useSession } from './session.tsx';
import { demoInfo } from './auth.api.ts';
import { useLocale, label } from '../../i18n/locale-provider.tsx';
import { useErrorMessage } from '../../api/use-error-message.ts';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { BrandMark } from '../../ui/brand.tsx';

interface LocationState {
  from?: string;
  expired?: boolean;
}

function readState(value: unknown): LocationState {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  return {
    from: typeof v.from === 'string' && v.from.startsWith('/') && !v.from.startsWith('/login') ? v.from : undefined,
    expired: v.expired === true,
  };
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, signIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { from, expired } = readState(location.state);
  const { messages } = useLocale();
  const [form] = Form.useForm<LoginRequest>();
  const [demo, setDemo] = useState<DemoInfo | null>(null);

  // The demo sign-ins are listed only when the server says this installation has them.
  useEffect(() => {
    const controller = new AbortController();
    void demoInfo(controller.signal).then((info) => {
      if (!controller.signal.aborted) setDemo(info);
    });
    return () => controller.abort();
  }, []);

  if (state.status === 'authenticated') return <Navigate to={from ?? '/overview'} replace />;

  async function onFinish(values: LoginRequest) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn({ email: values.email.trim(), password: values.password });
      navigate(from ?? '/overview', { replace: true });
    } catch (e) {
      setError(e);
      setSubmitting(false);
    }
  }

  return (
    <div className="login">
      <aside className="login__brand">
        <div className="login__brand-inner">
          <div className="login__logo">
            <BrandMark size={44} />
          </div>
          <h1 className="login__product">{t('app.name')}</h1>
          <p className="login__tagline">{t('app.tagline')}</p>
          <ul className="login__highlights">
            {(['one', 'two', 'three'] as const).map((key) => (
              <li key={key}>
                <CheckCircleFilled />
                <span>{t(`login.highlights.${key}`)}</span>
              </li>
            ))}
          </ul>
        </div>
        <p className="login__footer">{t('login.footer')}</p>
      </aside>

      <main className="login__panel">
        <div className="login__lang">
          <LanguageSwitch size="small" />
        </div>
        <div className="login__card">
          <Typography.Title level={3} className="login__title">
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="login__subtitle">
            {t('login.subtitle')}
          </Typography.Paragraph>

          {expired && !error ? <Alert className="login__alert" type="warning" showIcon message={t('login.sessionExpired')} /> : null}
          {error ? (
            <Alert className="login__alert" type="error" showIcon message={errorMessage(error)} data-testid="login-error" role="alert" />
          ) : null}

          <Form<LoginRequest> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} size="large" autoComplete="on">
            <Form.Item
              label={t('login.email')}
              name="email"
              rules={[
                { required: true, message: t('login.emailRequired') },
                { type: 'email', message: t('login.emailInvalid') },
              ]}
            >
              <Input prefix={<MailOutlined />} placeholder={t('login.emailPlaceholder')} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} className="login__submit">
              {t('login.submit')}
            </Button>
          </Form>

          {demo?.password ? (
            <div className="login__demo" data-testid="demo-logins">
              <div className="login__demo-title">
                <ExperimentOutlined /> {t('login.demoTitle')}
              </div>
              <p className="login__demo-text">{t('login.demoHint', { password: demo.password })}</p>
              <div className="login__demo-list">
                {(Object.keys(messages.roles) as (keyof typeof messages.roles)[]).map((role) => (
                  <button
                    type="button"
                    key={role}
                    className="login__demo-user"
                    onClick={() => form.setFieldsValue({ email: `${role}@autofin.local`, password: demo.password ?? '' })}
                  >
                    <Tag bordered={false}>{label(messages.roles, role)}</Tag>
                    <span className="mono" title={`${role}@autofin.local`}>
                      {role}
                    </span>
                  </button>
                ))}
              </div>
            </div>
          ) : null}
        </div>
      </main>
    </div>
  );
}
