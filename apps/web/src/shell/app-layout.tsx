import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useSession, hasAnyRole } from '../modules/auth/session.tsx';
import { navigation } from './navigation.tsx';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { BrandMark } from '../ui/brand.tsx';
import { useLocale, label } from '../i18n/locale-provider.tsx';

const { Sider, Header, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const { messages } = useLocale();
  const user = useCurrentUser();
  const { signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const items = navigation
    .filter((item) => !item.roles || hasAnyRole(user, item.roles))
    .map((item) => ({ key: item.path, icon: item.icon, label: t(`nav.${item.label}`) }));
  const selected = items.find((item) => location.pathname.startsWith(item.key))?.key;

  async function onSignOut() {
    await signOut();
    navigate('/login', { replace: true });
  }

  return (
    <Layout className="frame">
      <Sider
        className="frame__sider"
        width={224}
        collapsedWidth={64}
        collapsible
        collapsed={collapsed}
        trigger={null}
        breakpoint="lg"
        onBreakpoint={setCollapsed}
      >
        <div className="frame__brand" title={t('app.name')}>
          <BrandMark size={28} />
          {collapsed ? null : (
            <span className="frame__brand-text">
              <span className="frame__brand-name">autofin</span>
              <span className="frame__brand-sub">{t('app.name').replace(/^autofin\s*/, '')}</span>
            </span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={({ key }) => navigate(key)}
          data-testid="nav"
        />
      </Sider>
      <Layout>
        <Header className="frame__header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed((c) => !c)}
            aria-label="toggle navigation"
          />
          <Space size={16} className="frame__header-right">
            <LanguageSwitch size="small" />
            <span className="frame__divider" />
            <Space size={6} wrap={false} data-testid="user-roles">
              {user.roles.map((role) => (
                <Tag key={role} color={role === 'admin' ? 'geekblue' : 'default'} bordered={false}>
                  {label(messages.roles, role)}
                </Tag>
              ))}
            </Space>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <div className="frame__who">
                        <Typography.Text type="secondary">{t('header.signedInAs')}</Typography.Text>
                        <Typography.Text strong>{user.email}</Typography.Text>
                      </div>
                    ),
                  },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.signOut'), onClick: () => void onSignOut() },
                ],
              }}
            >
              <button type="button" className="frame__user" data-testid="user-menu">
                <Avatar size={28} icon={<UserOutlined />} className="frame__avatar" />
                <span className="frame__user-name">{user.name}</span>
              </button>
            </Dropdown>
            <Tooltip title={t('header.signOut')}>
              <Button type="text" icon={<LogoutOutlined />} onClick={() => void onSignOut()} data-testid="sign-out" aria-label={t('header.signOut')} />
            </Tooltip>
          </Space>
        </Header>
        <Content className="frame__content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
