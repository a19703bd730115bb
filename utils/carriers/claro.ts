import { INFORMATION_PATH, LOGIN_PATH, RECHARGE_PATH, rechargeStep } from './paths';
import { defineCarrier } from './types';

export const claro = defineCarrier({
  id: 'claro',
  name: 'Claro',
  portalName: 'Mi Claro',
  brandWords: ['claro', 'mi claro'],
  color: '#da291c',
  hosts: ['m-miclaro.claro.com.ar', 'miclaro.claro.com.ar', 'www.claro.com.ar'],
  loginHosts: ['ingreso.claro.com.ar'],
  rechargeUrl: 'https://www.claro.com.ar/personas/recarga',
  portalUrl: 'https://m-miclaro.claro.com.ar/',
  urlPageKind(url) {
    if (this.loginHosts.includes(url.hostname) || LOGIN_PATH.test(url.pathname)) return 'login';
    if (INFORMATION_PATH.test(url.pathname)) return 'other';
    if (RECHARGE_PATH.test(url.pathname)) return rechargeStep(url);
    // The public site: plans, help, search, promotions.
    if (url.hostname === 'www.claro.com.ar') return 'other';
    return 'account';
  },
});
