import type { AppRouter } from '@switchyard/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;

export type OrderSummary = Outputs['orders']['list']['items'][number];
export type OrderStatus = OrderSummary['status'];
export type OrderDetail = Outputs['orders']['get'];
export type Hold = OrderDetail['holds'][number];
export type Recipient = NonNullable<OrderDetail['recipient']>;
export type Diagnosis = Outputs['orders']['diagnose'];
export type Supplier = Outputs['suppliers']['list']['items'][number];
export type SkuMappingInput = Inputs['skuMappings']['upsert'];
