import { listOrders } from './orders/list.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  orders: router({ list: listOrders }),
});

export type AppRouter = typeof appRouter;
