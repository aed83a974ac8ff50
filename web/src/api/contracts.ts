/**
 * Wire types re-exported from the server's contracts (type-only, so the web
 * bundle never pulls in zod). The web app may import nothing else from src/.
 */
export type {
  CreditEntry,
  CreditsResponse,
  DevMail,
  Generation,
  GenerationPage,
  GenerationStatus,
  LiveEvent,
  Locale,
  Me,
  Meta,
  Model,
  ModelsResponse,
  SubmitGenerationInput,
  Theme,
  UpdateMeInput,
  Upload,
} from '../../../src/contracts/api.js';
export type {
  Billing,
  CheckoutResponse,
  CreditPackView,
  FulfilResponse,
  Purchase,
  PurchaseStatusView,
} from '../../../src/contracts/billing.js';
export type { ErrorCode } from '../../../src/contracts/errors.js';
