import type { ThemeConfig } from 'antd';

/** Chinese-first font stack: system CJK faces before Latin fallbacks. */
export const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const colors = {
  primary: '#1f4fd1',
  siderBg: '#0f1b33',
  pageBg: '#f3f5f9',
  text: '#1d2330',
  secondary: '#5b6475',
  border: '#e6e9ef',
  success: '#12a176',
  warning: '#e8940c',
  danger: '#d9423a',
};

/** The chart palette, in order of use: distinct in hue and readable on white. */
export const chartPalette = ['#2f5be0', '#17a589', '#f0a531', '#e0574f', '#7a5cf0', '#35a3d6', '#8e9ab0', '#c25ab3'];

export const theme: ThemeConfig = {
  token: {
    colorPrimary: colors.primary,
    colorInfo: colors.primary,
    colorSuccess: colors.success,
    colorWarning: colors.warning,
    colorError: colors.danger,
    colorTextBase: colors.text,
    colorBgLayout: colors.pageBg,
    colorBorderSecondary: colors.border,
    borderRadius: 6,
    fontFamily,
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: colors.siderBg, headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px', bodyBg: colors.pageBg },
    Menu: { darkItemBg: colors.siderBg, darkSubMenuItemBg: colors.siderBg, darkItemSelectedBg: colors.primary, itemHeight: 44 },
    Card: { paddingLG: 20 },
    Table: { headerBg: '#f7f8fb', cellPaddingBlock: 12 },
  },
};
